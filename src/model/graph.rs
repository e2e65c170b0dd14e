//! Dependency cycles among tasks, naming the tasks that form each one. A plan without cycles
//! is an invariant of the model (adding a dependency that closes one is refused), so the
//! graph code lives here; the scheduler and validation use it too.

use crate::model::{Stamped, Task, TaskId};
use std::collections::HashMap;

/// Every cycle among the live tasks' finish-to-start dependencies, each as the tasks in
/// dependency order (the first task depends on the next). Runs in O(tasks + dependencies).
/// Dependencies on unknown tasks are ignored here; validation reports them separately.
pub fn find_cycles(tasks: &[Task]) -> Vec<Vec<TaskId>> {
    let live: Vec<&Task> = tasks.iter().filter(|t| t.is_live()).collect();
    let (_, edges) = task_graph(&live);
    cycles_in(&edges)
        .into_iter()
        .map(|c| c.into_iter().map(|n| live[n].id).collect())
        .collect()
}

/// The tasks' positions by id and, for each task, the positions of the tasks it depends on
/// (dependencies outside `tasks` are left out).
pub fn task_graph(tasks: &[&Task]) -> (HashMap<TaskId, usize>, Vec<Vec<usize>>) {
    let index: HashMap<TaskId, usize> = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    let edges = tasks
        .iter()
        .map(|t| {
            t.depends_on
                .iter()
                .filter_map(|d| index.get(&d.task).copied())
                .collect()
        })
        .collect();
    (index, edges)
}

/// Cycles of a directed graph given as adjacency lists, each as its nodes in edge order.
pub fn cycles_in(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnStack,
        Done,
    }
    let mut mark = vec![Mark::New; edges.len()];
    let mut cycles = Vec::new();
    for root in 0..edges.len() {
        if mark[root] != Mark::New {
            continue;
        }
        // Iterative depth-first search: (node, next edge to follow).
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        mark[root] = Mark::OnStack;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                match mark[to] {
                    Mark::New => {
                        mark[to] = Mark::OnStack;
                        stack.push((to, 0));
                    }
                    Mark::OnStack => {
                        let start = stack.iter().position(|(n, _)| *n == to).expect("on stack");
                        cycles.push(stack[start..].iter().map(|(n, _)| *n).collect());
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    cycles
}

/// The tasks that would form a cycle if `task` came to depend on `on`, in dependency order
/// starting at `task`; `None` when the dependency is safe.
pub fn cycle_if_added(
    ws: &crate::model::Workspace,
    task: TaskId,
    on: TaskId,
) -> Option<Vec<TaskId>> {
    if task == on {
        return Some(vec![task]);
    }
    let project = ws.tasks.iter().find(|t| t.id == task)?.project_id;
    let tasks = ws.tasks_of(project);
    let (index, mut edges) = task_graph(&tasks);
    let (from, to) = (*index.get(&task)?, *index.get(&on)?);
    edges[from].push(to);
    let cycle = cycles_in(&edges).into_iter().find(|c| c.contains(&from))?;
    let start = cycle.iter().position(|n| *n == from).unwrap_or(0);
    Some(
        cycle[start..]
            .iter()
            .chain(&cycle[..start])
            .map(|n| tasks[*n].id)
            .collect(),
    )
}
