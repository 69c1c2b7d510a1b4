package dev.handoff.report;

import java.time.LocalDate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.handoff.platform.EngineClock;

/** Keeps what a review decided in Handoff's own table, so later reviews and reports can read it. */
@Component("recordReviewOutcome")
class RecordReviewOutcome implements JavaDelegate {

    private final JdbcClient jdbc;

    RecordReviewOutcome(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String followUp = (String) execution.getVariable("followUp");
        if (followUp == null) {
            followUp = "none";
            execution.setVariable("followUp", followUp);
        }
        jdbc.sql("""
                insert into alignment_review (process_instance_id, cadence, period_from, period_to, verdict,
                    follow_up, notes, objectives, reviewed_by, reviewed_at)
                values (:pid, :cadence, :from, :to, :verdict, :followUp, :notes, :objectives, :by, :at)""")
                .param("pid", execution.getProcessInstanceId())
                .param("cadence", execution.getVariable("cadence"))
                .param("from", LocalDate.parse((String) execution.getVariable("periodFrom")))
                .param("to", LocalDate.parse((String) execution.getVariable("periodTo")))
                .param("verdict", execution.getVariable("verdict"))
                .param("followUp", followUp)
                .param("notes", execution.getVariable("notes"))
                .param("objectives", execution.getVariable("objectives"))
                .param("by", execution.getVariable("reviewedBy"))
                .param("at", EngineClock.now())
                .update();
    }
}
