//! Commands on the team: its members and their quotas.

use super::{check_owner, find_live};
use super::{CommandError, Context, Touched};
use crate::model::ids::*;
use crate::model::Member;
use crate::model::MemberInput;
use crate::model::Quota;
use crate::model::{Stamp, Stamped, Workspace};

#[derive(Clone, Debug, PartialEq)]
pub enum TeamCommand {
    AddMember {
        id: MemberId,
        input: MemberInput,
    },
    UpdateMember {
        id: MemberId,
        input: MemberInput,
    },
    /// Removes a member; what they own goes to `reassign_to` (or becomes unassigned).
    RemoveMember {
        id: MemberId,
        reassign_to: Option<MemberId>,
    },
    /// Creates or replaces a team or member quota.
    SaveQuota(Quota),
    DeleteQuota(QuotaId),
}

use TeamCommand::*;

/// What a team command can reach: the workspace's own records, and for a removal every
/// project (what the member owned is handed over everywhere).
pub(super) fn scope(command: &TeamCommand) -> Option<Touched> {
    match command {
        RemoveMember { .. } => None,
        _ => Some(Touched::workspace()),
    }
}

pub(super) fn run(
    ws: &mut Workspace,
    command: TeamCommand,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let (now, by) = (cx.now, cx.editor());
    match command {
        AddMember { id, input } => {
            if ws.members.iter().any(|m| m.id == id) {
                return Err(CommandError::DuplicateId);
            }
            let mut member = Member {
                id,
                stamp: Stamp::created(now, by),
                name: String::new(),
                role: String::new(),
                email: String::new(),
                weekly_capacity_hours: 0,
                skills: Vec::new(),
                time_off: Vec::new(),
            };
            fill_member(&mut member, input);
            ws.members.push(member);
            Ok(Touched::workspace())
        }
        UpdateMember { id, input } => {
            let m = find_live(&mut ws.members, |m| m.id == id, "member")?;
            fill_member(m, input);
            m.stamp.touch(now, by);
            Ok(Touched::workspace())
        }
        RemoveMember { id, reassign_to } => remove_member(ws, id, reassign_to, cx),
        SaveQuota(quota) => {
            if quota.target < 0 {
                return Err(CommandError::Invalid("A target can't be negative.".into()));
            }
            check_owner(ws, quota.member_id)?;
            let mut quota = quota;
            match ws.quotas.iter_mut().find(|q| q.id == quota.id) {
                Some(existing) => {
                    quota.stamp = existing.stamp.clone();
                    quota.stamp.touch(now, by);
                    *existing = quota;
                }
                None => {
                    quota.stamp = Stamp::created(now, by);
                    ws.quotas.push(quota);
                }
            }
            Ok(Touched::workspace())
        }
        DeleteQuota(id) => {
            find_live(&mut ws.quotas, |q| q.id == id, "quota")?
                .stamp
                .delete(now, by);
            Ok(Touched::workspace())
        }
    }
}

fn fill_member(m: &mut Member, input: MemberInput) {
    m.name = input.name;
    m.role = input.role;
    m.email = input.email;
    m.weekly_capacity_hours = input.weekly_capacity_hours;
    m.skills = input.skills;
    m.time_off = input.time_off;
}

fn remove_member(
    ws: &mut Workspace,
    id: MemberId,
    reassign_to: Option<MemberId>,
    cx: &Context,
) -> Result<Touched, CommandError> {
    let (now, by) = (cx.now, cx.editor());
    if reassign_to == Some(id) {
        return Err(CommandError::Invalid(
            "Choose someone else to take over the work.".into(),
        ));
    }
    check_owner(ws, reassign_to)?;
    find_live(&mut ws.members, |m| m.id == id, "member")?
        .stamp
        .delete(now, by);
    let mut touched = Touched::workspace();
    for p in ws
        .projects
        .iter_mut()
        .filter(|p| p.is_live() && p.owner == Some(id))
    {
        p.owner = reassign_to;
        p.stamp.touch(now, by);
        touched.projects.insert(p.id);
    }
    for t in ws
        .tasks
        .iter_mut()
        .filter(|t| t.is_live() && t.owner == Some(id) && !t.is_done())
    {
        t.owner = reassign_to;
        t.stamp.touch(now, by);
        touched.projects.insert(t.project_id);
    }
    for r in ws
        .risks
        .iter_mut()
        .filter(|r| r.is_live() && r.owner == Some(id))
    {
        r.owner = reassign_to;
        r.stamp.touch(now, by);
        touched.projects.insert(r.project_id);
    }
    Ok(touched)
}
