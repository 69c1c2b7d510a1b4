package dev.handoff.platform;

import java.util.List;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;

/**
 * A person completes a task (complete, submit-form) only once it is assigned to them: a member of its candidate
 * groups claims it first, as Tasklist asks, so the record always says who decided. The engine's task permission
 * that lets a candidate claim an unassigned task would also let them complete it unclaimed. Managers, who work
 * every task of the processes they oversee (the process definition's task-work right), and admins may complete
 * any task; the engine's own authorizations decide everything else.
 */
final class TaskCompletions {

    private static final Pattern COMPLETE = Pattern.compile("task/(?<id>[^/]+)/(complete|submit-form)/?");

    private final ProcessEngine engine;
    private final VariableWrites paths;

    TaskCompletions(ProcessEngine engine, VariableWrites paths) {
        this.engine = engine;
        this.paths = paths;
    }

    /** Why this request may not complete its task, or null when it is no completion or it may. */
    String refusal(String method, String path, String userId, List<String> groups) {
        String rest = paths.engineRelative(path);
        var completion = rest == null || !"POST".equals(method) ? null : COMPLETE.matcher(rest);
        if (completion == null || !completion.matches() || userId == null) {
            return null;
        }
        Task task = engine.getTaskService().createTaskQuery().taskId(completion.group("id")).singleResult();
        if (task == null || userId.equals(task.getAssignee()) || managesProcessOf(task, userId, groups)) {
            return null;
        }
        return task.getAssignee() == null ? "Task " + task.getId() + " is assigned to nobody: claim it before you "
                + "complete it." : "Task " + task.getId() + " is assigned to " + task.getAssignee() + ".";
    }

    private boolean managesProcessOf(Task task, String userId, List<String> groups) {
        if (task.getProcessDefinitionId() == null) {
            return false;
        }
        try {
            String key = engine.getRepositoryService().getProcessDefinition(task.getProcessDefinitionId()).getKey();
            return engine.getAuthorizationService().isUserAuthorized(userId, groups,
                    ProcessDefinitionPermissions.TASK_WORK, Resources.PROCESS_DEFINITION, key);
        } catch (AuthorizationException e) {
            return false;
        }
    }
}
