package dev.handoff.lead;

import static dev.handoff.lead.LeadVariables.*;
import static dev.handoff.lead.StageValues.date;
import static dev.handoff.lead.StageValues.utc;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import dev.handoff.identity.Groups;
import dev.handoff.notification.Notifier;
import dev.handoff.sla.BusinessTime;
import dev.handoff.sla.DeadlineFormat;
import dev.handoff.sla.SlaLedger;

/**
 * Starts the two SLA clocks of the sales stages, in business time: accept or reject an MQL (sales acceptance) and
 * hold the discovery meeting (opportunity). Each sets the deadline and the owner, and the reminder at half-time for
 * the diagrams whose timers read it (lifecycle versions before the stages, the stages' first versions); a lifecycle
 * that calls the stages, where the stage computes it, gets none.
 */
@Component
class SlaClocks {

    private final LeadRepository leads;
    private final SlaLedger ledger;
    private final BusinessTime businessTime;
    private final Notifier notifier;
    private final DeadlineFormat deadlines;

    SlaClocks(LeadRepository leads, SlaLedger ledger, BusinessTime businessTime, Notifier notifier,
            DeadlineFormat deadlines) {
        this.leads = leads;
        this.ledger = ledger;
        this.businessTime = businessTime;
        this.notifier = notifier;
        this.deadlines = deadlines;
    }

    OffsetDateTime startAcceptClock(DelegateExecution execution, Lead lead, String rep, String team,
            SlaLedger.Role role, OffsetDateTime now) {
        double hours = ((Number) execution.getVariable(ACCEPT_WITHIN_HOURS)).doubleValue();
        OffsetDateTime due = utc(Date.from(businessTime.hours().plus(now.toInstant(),
                Duration.ofMinutes(Math.round(hours * 60)))));
        execution.setVariable(ASSIGNMENT_ID, ledger.start(lead.id(), role, rep, team, now, due));
        execution.setVariable(OWNER, rep);
        execution.setVariable(SLA_DUE_AT, date(due));
        execution.setVariable(SLA_DUE_TEXT, deadlines.moment(due));
        execution.setVariable(SLA_STARTED_AT, date(now));
        if (!StageGlue.callsStages(execution)) {
            execution.setVariable(SLA_REMINDER_AT, businessTime.fraction(date(now), date(due), 0.5));
        }
        leads.assign(lead.id(), rep, team, due, now);
        if (rep != null) {
            notifier.notify(rep, "New lead to accept: " + lead.name(), "Accept or reject " + lead.name() + " ("
                    + lead.company() + ", grade " + lead.fitGrade() + ") in Tasklist by " + deadlines.moment(due)
                    + ".");
        }
        return due;
    }

    void startMeetingClock(DelegateExecution execution, Lead lead, String ae, SlaLedger.Role role,
            OffsetDateTime now) {
        int days = (Integer) execution.getVariable(MEETING_WITHIN_DAYS);
        OffsetDateTime due = utc(Date.from(businessTime.hours().plus(now.toInstant(),
                businessTime.hours().workingDay().multipliedBy(days))));
        execution.setVariable(ASSIGNMENT_ID, ledger.start(lead.id(), role, ae, Groups.AE, now, due));
        execution.setVariable(AE_OWNER, ae);
        execution.setVariable(MEETING_DUE_AT, date(due));
        execution.setVariable(MEETING_DUE_TEXT, deadlines.moment(due));
        execution.setVariable(MEETING_STARTED_AT, date(now));
        if (!StageGlue.callsStages(execution)) {
            execution.setVariable(MEETING_REMINDER_AT, businessTime.fraction(date(now), date(due), 0.5));
        }
        leads.assign(lead.id(), ae, Groups.AE, due, now);
        if (ae != null) {
            notifier.notify(ae, "Discovery meeting to hold: " + lead.name(), "Hold the discovery meeting with "
                    + lead.name() + " (" + lead.company() + ") by " + deadlines.moment(due) + ".");
        }
    }
}
