package dev.handoff.demo;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the engine would have recorded of one seeded lead in lead-lifecycle.bpmn: the activities it passed
 * through, and the one it waits in now (null when its process has ended), with the variables it waits with.
 */
public record Trail(String leadId, Instant createdAt, List<Step> steps, Step waiting, Map<String, Object> variables) {

    /** One activity instance; {@code end} is null while it waits, {@code interrupted} when a timer cut it short. */
    public record Step(String activityId, Instant start, Instant end, String assignee, Instant due,
            boolean interrupted) {
    }

    public Instant endedAt() {
        return waiting != null || steps.isEmpty() ? null : steps.get(steps.size() - 1).end();
    }
}
