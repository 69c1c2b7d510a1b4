package dev.handoff.identity;

import static org.camunda.bpm.engine.authorization.Permissions.READ;
import static org.camunda.bpm.engine.authorization.Resources.TASK;
import static org.camunda.bpm.engine.authorization.TaskPermissions.READ_VARIABLE;
import static org.camunda.bpm.engine.authorization.TaskPermissions.TASK_WORK;
import static org.camunda.bpm.engine.impl.util.EnsureUtil.ensureValidIndividualResourceId;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * The rights the engine gives on each task as it is created and assigned: who may work a task is who it is
 * assigned to, or, while nobody has it, its candidate groups. The engine's default gives the candidate
 * groups UPDATE on the task for good, so any rep of a team could complete, reassign and read a colleague's
 * lead. Here:
 * <ul>
 * <li>the assignee reads the task and its variables and works it (claim, complete, save), but does not
 * reassign it;</li>
 * <li>candidate groups do the same while the task is unassigned (they see it in "My group's tasks" with its
 * columns and may claim it; completing waits for the claim, {@code dev.handoff.platform.TaskCompletions}),
 * and only see that it exists while someone has it;</li>
 * <li>a previous assignee keeps seeing the task, nothing more.</li>
 * </ul>
 * Managers reassign and work every task of the processes they oversee through their process-definition
 * grants in {@link AccessPolicy}. Being the engine's own authorizations, this holds on /engine-rest and on
 * the webapps' engine API alike.
 */
class TaskAuthorizations extends DefaultAuthorizationProvider {

    static final Permission[] WORKER = { READ, READ_VARIABLE, TASK_WORK };
    static final Permission[] ONLOOKER = { READ };

    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
        List<AuthorizationEntity> changed = new ArrayList<>();
        if (newAssignee != null) {
            changed.add(set(getGrantAuthorizationByUserId(newAssignee, TASK, task.getId()), newAssignee, null, task,
                    WORKER));
        }
        if (oldAssignee != null && !oldAssignee.equals(newAssignee)) {
            changed.add(set(getGrantAuthorizationByUserId(oldAssignee, TASK, task.getId()), oldAssignee, null, task,
                    ONLOOKER));
        }
        for (String group : candidateGroups(task)) {
            changed.add(set(getGrantAuthorizationByGroupId(group, TASK, task.getId()), null, group, task,
                    newAssignee == null ? WORKER : ONLOOKER));
        }
        return changed.toArray(AuthorizationEntity[]::new);
    }

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
        ensureValidIndividualResourceId("Cannot grant default authorization for identity link to group " + groupId,
                groupId);
        return new AuthorizationEntity[] { set(getGrantAuthorizationByGroupId(groupId, TASK, task.getId()), null,
                groupId, task, task.getAssignee() == null ? WORKER : ONLOOKER) };
    }

    @Override
    public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
        ensureValidIndividualResourceId("Cannot grant default authorization for identity link to user " + userId,
                userId);
        return new AuthorizationEntity[] { set(getGrantAuthorizationByUserId(userId, TASK, task.getId()), userId,
                null, task, task.getAssignee() == null || task.getAssignee().equals(userId) ? WORKER : ONLOOKER) };
    }

    /** Sets exactly these permissions: the entity found, or a new one (perhaps still in this command's cache). */
    private AuthorizationEntity set(AuthorizationEntity found, String userId, String groupId, Task task,
            Permission[] permissions) {
        AuthorizationEntity authorization = found;
        if (authorization == null) {
            authorization = createGrantAuthorization(userId, groupId, TASK, task.getId());
            updateAuthorizationBasedOnCacheEntries(authorization, userId, groupId, TASK, task.getId());
        }
        authorization.setPermissions(0);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        return authorization;
    }

    private static List<String> candidateGroups(Task task) {
        if (!(task instanceof TaskEntity entity)) {
            return List.of();
        }
        return entity.getIdentityLinks().stream()
                .filter(link -> link.getGroupId() != null && IdentityLinkType.CANDIDATE.equals(link.getType()))
                .map(IdentityLinkEntity::getGroupId).distinct().toList();
    }
}
