package dev.handoff.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.stereotype.Component;

/**
 * Brings the engine's authorizations and Tasklist filters up to {@link AccessPolicy} and {@link TaskFilters}.
 * A filter Handoff seeded carries its key in the property {@value #SEED_PROPERTY}; filters people create in
 * Tasklist, whatever their name, are never touched and never stop a start.
 */
@Component
class AccessSeeder {

    static final String SEED_PROPERTY = "handoffSeed";

    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;

    AccessSeeder(AuthorizationService authorizations, FilterService filters, TaskService tasks) {
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
    }

    void seed() {
        AccessPolicy.grants().forEach(g -> grant(g.group(), g.resource(), g.resourceId(), g.permissions()));
        List<Filter> existing = filters.createFilterQuery().filterResourceType(Resources.TASK.resourceName()).list();
        for (TaskFilters.TaskFilter definition : TaskFilters.all(tasks)) {
            Filter filter = seeded(existing, definition.name());
            if (filter == null) {
                filter = filters.newTaskFilter(definition.name()).setOwner("admin");
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put(SEED_PROPERTY, definition.name());
            properties.put("description", definition.description());
            properties.put("priority", definition.priority());
            properties.put("refresh", true);
            properties.put("variables", TaskFilters.COLUMNS);
            filter.setQuery(definition.query());
            filter.setProperties(properties);
            filters.saveFilter(filter);
            String filterId = filter.getId();
            definition.groups().forEach(group -> grant(group, Resources.FILTER, filterId, List.of(Permissions.READ)));
        }
    }

    /**
     * The filter seeded for this key; on a database seeded before filters were marked, an admin filter of that
     * name with Handoff's columns (what Handoff made; a filter made in Tasklist has none), which is then marked.
     */
    private static Filter seeded(List<Filter> existing, String key) {
        return existing.stream().filter(f -> f.getProperties() != null && key.equals(f.getProperties().get(SEED_PROPERTY)))
                .findFirst()
                .orElseGet(() -> existing.stream()
                        .filter(f -> f.getProperties() != null && !f.getProperties().containsKey(SEED_PROPERTY))
                        .filter(f -> key.equals(f.getName()) && "admin".equals(f.getOwner()))
                        .filter(f -> TaskFilters.COLUMNS.equals(f.getProperties().get("variables")))
                        .findFirst().orElse(null));
    }

    private void grant(String group, Resource resource, String resourceId, List<Permission> permissions) {
        Authorization authorization = authorizations.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT).groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).singleResult();
        if (authorization == null) {
            authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(group);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        } else if (permissions.stream().allMatch(authorization::isPermissionGranted)) {
            return;
        }
        permissions.forEach(authorization::addPermission);
        authorizations.saveAuthorization(authorization);
    }
}
