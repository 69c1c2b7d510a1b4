package dev.handoff.report;

import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.ActivityTypes;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a process waits, per activity, from the engine's own history (aggregated in SQL, because the
 * history query API would load every instance): how many wait there now, the median and 90th percentile
 * duration of those that ended in the window, and how many user tasks ended after or still stand past their
 * due date. Cockpit CE has no such view. {@code waitState} marks the activities where people or the clock make the
 * process wait (user and receive tasks, timer and message catch events, event-based gateways): only they get a
 * badge on Cockpit's diagram, as service tasks and gateways pass in no time worth showing. A call activity is one
 * too: lead-lifecycle's stages are processes of their own, so its view shows how many leads are in each stage and
 * the stage's breaches (those of the tasks in the processes it called), and each stage's own view the tasks in it.
 */
@Component
class BottleneckReport {

    record Activity(String processDefinitionKey, String activityId, String name, String type, long waiting,
            long completed, Long medianSeconds, Long p90Seconds, long breaches) {

        @JsonProperty
        public boolean waitState() {
            return WAIT_STATES.contains(type);
        }

        Activity withBreaches(long count) {
            return new Activity(processDefinitionKey, activityId, name, type, waiting, completed, medianSeconds,
                    p90Seconds, count);
        }
    }

    /** Activity types, as the engine's history names them, in which a process waits for people or time. */
    static final Set<String> WAIT_STATES = Set.of(ActivityTypes.TASK_USER_TASK, ActivityTypes.TASK_RECEIVE_TASK,
            ActivityTypes.INTERMEDIATE_EVENT_TIMER, ActivityTypes.INTERMEDIATE_EVENT_MESSAGE,
            ActivityTypes.INTERMEDIATE_EVENT_SIGNAL, ActivityTypes.INTERMEDIATE_EVENT_CONDITIONAL,
            ActivityTypes.GATEWAY_EVENT_BASED, ActivityTypes.CALL_ACTIVITY);

    record Bottlenecks(String processDefinitionKey, String processDefinitionId, Window window,
            List<Activity> activities) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    BottleneckReport(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param definitionId one version of the process, or null for every version of the key */
    Bottlenecks bottlenecks(String key, String definitionId, Window window) {
        String scope = definitionId == null ? "proc_def_key_ = :key" : "proc_def_id_ = :id";
        MapSqlParameterSource params = new MapSqlParameterSource("key", key).addValue("id", definitionId)
                .addValue("from", Timestamp.from(window.start())).addValue("to", Timestamp.from(window.end()))
                .addValue("now", new Timestamp(ClockUtil.getCurrentTime().getTime()));
        Map<String, Activity> activities = new LinkedHashMap<>();
        jdbc.query("select act_id_, max(act_name_) as name, max(act_type_) as type, count(*) as waiting"
                + " from act_hi_actinst where " + scope + " and end_time_ is null group by act_id_", params, rs -> {
                    activities.put(rs.getString("act_id_"), new Activity(key, rs.getString("act_id_"), rs.getString("name"),
                            rs.getString("type"), rs.getLong("waiting"), 0, null, null, 0));
                });
        jdbc.query("select act_id_, max(act_name_) as name, max(act_type_) as type, count(*) as completed, "
                + Stats.percentiles("duration_", "d") + " from act_hi_actinst where " + scope
                + " and end_time_ >= :from and end_time_ < :to group by act_id_", params, rs -> {
                    String id = rs.getString("act_id_");
                    Activity waiting = activities.get(id);
                    activities.put(id, new Activity(key, id, rs.getString("name"), rs.getString("type"),
                            waiting == null ? 0 : waiting.waiting(), rs.getLong("completed"),
                            seconds(Stats.roundedLong(rs, "d_p50")), seconds(Stats.roundedLong(rs, "d_p90")), 0));
                });
        jdbc.query("select task_def_key_, max(name_) as name, count(*) as breaches from act_hi_taskinst where " + scope
                + " and due_date_ is not null and ((end_time_ >= :from and end_time_ < :to and end_time_ > due_date_)"
                + " or (end_time_ is null and due_date_ < :now)) group by task_def_key_", params, rs -> {
                    String id = rs.getString("task_def_key_");
                    Activity a = activities.getOrDefault(id, new Activity(key, id, rs.getString("name"), "userTask",
                            0, 0, null, null, 0));
                    activities.put(id, a.withBreaches(rs.getLong("breaches")));
                });
        // A stage's breaches: those of the tasks of the instances its call activity started.
        jdbc.query("select a.act_id_, count(*) as breaches from act_hi_actinst a join act_hi_taskinst t"
                + " on t.proc_inst_id_ = a.call_proc_inst_id_ where a." + scope + " and a.act_type_ = 'callActivity'"
                + " and t.due_date_ is not null and ((t.end_time_ >= :from and t.end_time_ < :to"
                + " and t.end_time_ > t.due_date_) or (t.end_time_ is null and t.due_date_ < :now))"
                + " group by a.act_id_", params, rs -> {
                    Activity a = activities.get(rs.getString("act_id_"));
                    if (a != null) {
                        activities.put(a.activityId(), a.withBreaches(rs.getLong("breaches")));
                    }
                });
        return new Bottlenecks(key, definitionId, window, activities.values().stream()
                .sorted((x, y) -> Long.compare(y.waiting() * 1_000_000 + y.breaches(), x.waiting() * 1_000_000 + x.breaches()))
                .toList());
    }

    /** The processes the call activities of {@code key} started, e.g. lead-lifecycle's stages. */
    List<String> calledKeys(String key) {
        return jdbc.queryForList("select distinct p.proc_def_key_ from act_hi_actinst a join act_hi_procinst p"
                + " on p.id_ = a.call_proc_inst_id_ where a.proc_def_key_ = :key and a.act_type_ = 'callActivity'"
                + " order by p.proc_def_key_", new MapSqlParameterSource("key", key), String.class);
    }

    private static Long seconds(Long millis) {
        return millis == null ? null : Math.round(millis / 1000.0);
    }
}
