//! Commands on the workspace as a whole: its name, its settings and its playbooks.

use super::{find_live, CommandError, Context, Touched};
use crate::model::ids::*;
use crate::model::workspace::{Settings, Workspace};
use crate::model::Stamp;
use crate::model::Template;

#[derive(Clone, Debug, PartialEq)]
pub enum WorkspaceCommand {
    RenameWorkspace(String),
    UpdateSettings(Settings),
    /// Creates a template or replaces the one with the same id.
    SaveTemplate(Template),
    DeleteTemplate(TemplateId),
}

use WorkspaceCommand::*;

pub(super) fn run(
    ws: &mut Workspace,
    command: WorkspaceCommand,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let (now, by) = (cx.now, cx.editor());
    match command {
        RenameWorkspace(name) => {
            let name = name.trim();
            if name.is_empty() {
                return Err(CommandError::Invalid("A workspace needs a name.".into()));
            }
            ws.name = name.to_string();
            ws.stamp.touch(now, by);
        }
        UpdateSettings(settings) => {
            if !(1..=12).contains(&settings.fiscal_year_start_month)
                || !settings.currency.is_valid()
            {
                return Err(CommandError::Invalid(
                    "Those settings are not valid.".into(),
                ));
            }
            if let Some(problem) = settings
                .health
                .problems()
                .into_iter()
                .chain(crate::model::intake::problems(&settings.criteria))
                .next()
            {
                return Err(CommandError::Invalid(problem));
            }
            ws.settings = settings;
            ws.stamp.touch(now, by);
        }
        SaveTemplate(template) => {
            let problems = crate::model::problems(&template);
            if !problems.is_empty() {
                return Err(CommandError::Invalid(problems.join(" ")));
            }
            let mut template = template;
            match ws.templates.iter_mut().find(|t| t.id == template.id) {
                Some(existing) => {
                    template.stamp = existing.stamp.clone();
                    template.stamp.touch(now, by);
                    template.stamp.deleted_at = None;
                    *existing = template;
                }
                None => {
                    template.stamp = Stamp::created(now, by);
                    ws.templates.push(template);
                }
            }
        }
        DeleteTemplate(id) => {
            find_live(&mut ws.templates, |t| t.id == id, "template")?
                .stamp
                .delete(now, by);
        }
    }
    Ok(Touched::workspace())
}
