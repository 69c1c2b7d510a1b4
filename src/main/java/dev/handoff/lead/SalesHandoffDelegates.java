package dev.handoff.lead;

import static dev.handoff.lead.LeadVariables.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.identity.Groups;
import dev.handoff.notification.Notifier;
import dev.handoff.platform.CurrentUser;
import dev.handoff.platform.EngineClock;
import dev.handoff.platform.InvalidInputException;
import dev.handoff.routing.Reps;
import dev.handoff.sla.BusinessTime;
import dev.handoff.sla.DeadlineFormat;
import dev.handoff.sla.SlaLedger;
import dev.handoff.sla.SlaPolicy;

/**
 * The glue of lead-lifecycle.bpmn's sales half: routing, the SAL step and its SLA ladder, rejections and
 * arbitration, the follow-up cadence, the AE handoff and the deal outcome. Each bean is one step of the
 * diagram, named as the diagram calls it.
 */
@Configuration
class SalesHandoffDelegates {

    static final String ROUTING_DECISION = "lead-routing";
    static final Set<String> REJECTION_REASONS = Set.of("misrouted", "bad_data", "below_definition");
    static final Set<String> CHANNELS = Set.of("phone", "email", "linkedin", "other");
    static final Set<String> CONTACT_OUTCOMES = Set.of("no_answer", "left_message", "connected", "meeting_booked",
            "disqualified");
    static final Set<String> DISQUALIFICATION_REASONS = Set.of("no_budget", "no_need", "competitor", "unreachable",
            "other");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LeadRepository leads;
    private final Reps reps;
    private final SlaPolicy policy;
    private final SlaLedger ledger;
    private final BusinessTime businessTime;
    private final DecisionService decisions;
    private final TaskService tasks;
    private final CurrentUser user;
    private final Notifier notifier;
    private final LeadSettings settings;
    private final DeadlineFormat deadlines;

    SalesHandoffDelegates(LeadRepository leads, Reps reps, SlaPolicy policy, SlaLedger ledger,
            BusinessTime businessTime, DecisionService decisions, TaskService tasks, CurrentUser user,
            Notifier notifier, LeadSettings settings, DeadlineFormat deadlines) {
        this.leads = leads;
        this.reps = reps;
        this.policy = policy;
        this.ledger = ledger;
        this.businessTime = businessTime;
        this.decisions = decisions;
        this.tasks = tasks;
        this.user = user;
        this.notifier = notifier;
        this.settings = settings;
        this.deadlines = deadlines;
    }

    /** Routes an MQL by processes/lead-routing.dmn, then round robin within the team, and starts the SLA clock. */
    @Bean
    JavaDelegate routeLead() {
        return execution -> {
            Lead lead = lead(execution);
            DmnDecisionResultEntries routing = decisions.evaluateDecisionByKey(ROUTING_DECISION)
                    .variables(Variables.createVariables().putValue("country", lead.country())
                            .putValue("companySize", lead.companySize()).putValue("industry", lead.industry()))
                    .evaluate().getSingleResult();
            String team = routing.getEntry("team");
            String segment = routing.getEntry("segment");
            SlaPolicy.Targets targets = policy.targets(lead.fitGrade(), segment);
            execution.setVariable(TEAM, team);
            execution.setVariable(SEGMENT, segment);
            execution.setVariable(ACCEPT_WITHIN_HOURS, targets.acceptWithinHours());
            execution.setVariable(CONTACT_ATTEMPT_TARGET, targets.contactAttempts());
            execution.setVariable(MEETING_WITHIN_DAYS, targets.meetingWithinDays());
            execution.setVariable("contactWindowDays", targets.contactWindowDays());

            Reps.Routing choice = reps.next(team, csv(execution, EXCLUDED_REPS));
            String owner = choice.chosen().orElse(null);
            OffsetDateTime now = EngineClock.now();
            OffsetDateTime due = startAcceptClock(execution, lead, owner, team, SlaLedger.Role.SDR, now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("team", team);
            detail.put("segment", segment);
            detail.put("considered", choice.considered());
            detail.put("chosen", owner);
            detail.put("slaStartedAt", now.toString());
            detail.put("slaDueAt", due.toString());
            detail.put("acceptWithinBusinessHours", targets.acceptWithinHours());
            leads.addEvent(lead.id(), new LeadEvent(now, "ROUTED", LeadStage.MQL, actor(),
                    owner != null ? "routed to " + owner + " by round robin in team " + team
                            : "no eligible rep in team " + team + ": waiting in the team's queue",
                    json(detail)));
            if (owner == null) {
                notifier.notifyGroup(Groups.SALES_MANAGERS, "Unrouted lead: " + lead.name(),
                        "No rep of team " + team + " can take " + lead.name() + " now. Assign it in Tasklist.");
            }
        };
    }

    /** A manager or a rep of the team picks up a lead nobody could be routed to. */
    @Bean
    TaskListener assignChosenRep() {
        return task -> {
            DelegateExecution execution = task.getExecution();
            String team = (String) execution.getVariable(TEAM);
            String rep = text(task.getVariable(ASSIGN_TO));
            if (rep == null) {
                rep = actor(task);
            }
            if (!reps.isMember(rep, team) && !reps.isMember(rep, Groups.SALES_MANAGERS)) {
                throw new InvalidInputException(ASSIGN_TO, "'" + rep + "' is neither in team " + team
                        + " nor a sales manager");
            }
            Lead lead = lead(execution);
            OffsetDateTime now = EngineClock.now();
            ledger.end(assignmentId(execution), SlaLedger.Outcome.REASSIGNED, now);
            startAcceptClock(execution, lead, rep, team, SlaLedger.Role.SDR, now);
            leads.addEvent(lead.id(), new LeadEvent(now, "ASSIGNED", LeadStage.MQL, actor(task),
                    "assigned to " + rep + " from the team's queue", null));
            execution.removeVariable(ASSIGN_TO);
        };
    }

    /** Accept, or reject with one of the agreed reasons; either stops the SLA clock. */
    @Bean
    TaskListener recordSalDecision() {
        return task -> {
            DelegateExecution execution = task.getExecution();
            String decision = oneOf(task.getVariable(SAL_DECISION), SAL_DECISION, Set.of("accept", "reject"));
            Lead lead = lead(execution);
            String rep = actor(task);
            OffsetDateTime now = EngineClock.now();
            if (decision.equals("accept")) {
                ledger.end(assignmentId(execution), SlaLedger.Outcome.ACCEPTED, now);
                leads.changeStage(lead.id(), LeadStage.SAL, "accepted by " + rep, null, now);
                leads.addEvent(lead.id(), new LeadEvent(now, "SAL_ACCEPTED", LeadStage.SAL, rep, null, null));
                int days = (Integer) execution.getVariable("contactWindowDays");
                Date windowEnd = Date.from(businessTime.hours().plus(now.toInstant(),
                        businessTime.hours().workingDay().multipliedBy(days)));
                execution.setVariable(CONTACT_WINDOW_ENDS_AT, windowEnd);
                execution.setVariable(CONTACT_WINDOW_ENDS_TEXT, deadlines.moment(windowEnd));
                execution.setVariable(CONTACT_REMINDER_AT, businessTime.fraction(date(now), windowEnd, 0.5));
                execution.setVariable(CONTACT_ATTEMPTS, 0);
                return;
            }
            String reason = oneOf(task.getVariable(REJECTION_REASON), REJECTION_REASON, REJECTION_REASONS);
            String note = text(task.getVariable(REJECTION_NOTE));
            ledger.end(assignmentId(execution), SlaLedger.Outcome.REJECTED, now);
            execution.setVariable(REJECTION_ID, leads.recordRejection(lead.id(), rep, reason, note, now));
            leads.assign(lead.id(), null, lead.team(), null, now);
            String why = "rejected by " + rep + ": " + LeadLabels.of(reason) + (note == null ? "" : " (" + note + ")");
            switch (reason) {
                case "misrouted" -> execution.setVariable(EXCLUDED_REPS, join(csv(execution, EXCLUDED_REPS), rep));
                case "bad_data" -> leads.changeStage(lead.id(), LeadStage.ENRICHMENT, why, null, now);
                default -> notifier.notifyGroup(Groups.MARKETING_OPS, "Lead rejected: " + lead.name(), why);
            }
            leads.addEvent(lead.id(), new LeadEvent(now, "SAL_REJECTED", null, rep, reason, note));
        };
    }

    @Bean
    JavaDelegate remindRep() {
        return execution -> remind(execution, "Task_AcceptLead", (String) execution.getVariable(OWNER),
                "Accept or reject " + lead(execution).name() + " by "
                        + deadlines.moment((Date) execution.getVariable(SLA_DUE_AT)));
    }

    /** The SLA lapsed: the breach is recorded against the rep, who is left out of this lead's next routing. */
    @Bean
    JavaDelegate recordBreach() {
        return execution -> {
            Lead lead = lead(execution);
            String rep = (String) execution.getVariable(OWNER);
            OffsetDateTime now = EngineClock.now();
            long assignment = assignmentId(execution);
            OffsetDateTime due = utc((Date) execution.getVariable(SLA_DUE_AT));
            ledger.end(assignment, SlaLedger.Outcome.BREACHED, now);
            Duration late = ledger.breach(lead.id(), assignment, "ACCEPT", rep, (String) execution.getVariable(TEAM),
                    due, now);
            int breaches = ((Integer) execution.getVariable(BREACH_COUNT) == null ? 0
                    : (Integer) execution.getVariable(BREACH_COUNT)) + 1;
            execution.setVariable(BREACH_COUNT, breaches);
            if (rep != null) {
                execution.setVariable(EXCLUDED_REPS, join(csv(execution, EXCLUDED_REPS), rep));
            }
            leads.assign(lead.id(), null, lead.team(), null, now);
            leads.addEvent(lead.id(), new LeadEvent(now, "SLA_BREACHED", null, rep,
                    (rep == null ? "the team's queue" : rep) + " did not accept or reject in time, " + minutes(late)
                            + " late (breach " + breaches + ")", null));
            notifier.notify(rep, "SLA breached: " + lead.name(), "The lead was not accepted or rejected in time and "
                    + "goes to another rep.");
        };
    }

    /** Raised by the escalation event: the lead is overdue twice and needs a manager. */
    @Bean
    ExecutionListener raiseEscalation() {
        return execution -> {
            Lead lead = lead(execution);
            OffsetDateTime now = EngineClock.now();
            boolean meeting = execution.getCurrentActivityId().contains("Meeting");
            execution.setVariable(ESCALATION_ID, ledger.escalate(lead.id(), meeting ? "MEETING" : "ACCEPT", now));
            leads.addEvent(lead.id(), new LeadEvent(now, "ESCALATED", null, actor(),
                    meeting ? "discovery meeting overdue twice" : "SLA breached twice", null));
            notifier.notifyGroup(Groups.SALES_MANAGERS, "Overdue lead: " + lead.name(),
                    "Reassign it or take it over in Tasklist.");
        };
    }

    @Bean
    TaskListener applyOverdueDecision() {
        return task -> {
            DelegateExecution execution = task.getExecution();
            String team = (String) execution.getVariable(TEAM);
            Resolution resolution = resolveOverdue(task, team, "");
            startAcceptClock(execution, lead(execution), resolution.rep(), team,
                    resolution.takeOver() ? SlaLedger.Role.MANAGER : SlaLedger.Role.SDR, resolution.at());
        };
    }

    @Bean
    TaskListener recordRejectionReview() {
        return task -> {
            String decision = oneOf(task.getVariable(REVIEW_DECISION), REVIEW_DECISION, Set.of("accept", "dispute"));
            DelegateExecution execution = task.getExecution();
            leads.reviewRejection(((Number) execution.getVariable(REJECTION_ID)).longValue(),
                    decision.equals("accept") ? "ACCEPTED" : "DISPUTED", actor(task));
            leads.addEvent(lead(execution).id(), new LeadEvent(EngineClock.now(),
                    decision.equals("accept") ? "REJECTION_ACCEPTED" : "REJECTION_DISPUTED", null, actor(task),
                    text(task.getVariable(REVIEW_NOTE)), null));
        };
    }

    /** A sales manager's arbitration of a disputed rejection is final. */
    @Bean
    TaskListener recordArbitration() {
        return task -> {
            String decision = oneOf(task.getVariable(ARBITRATION_DECISION), ARBITRATION_DECISION,
                    Set.of("uphold", "overturn"));
            DelegateExecution execution = task.getExecution();
            OffsetDateTime now = EngineClock.now();
            leads.arbitrateRejection(((Number) execution.getVariable(REJECTION_ID)).longValue(),
                    decision.equals("uphold") ? "UPHELD" : "OVERTURNED", actor(task), now);
            leads.addEvent(lead(execution).id(), new LeadEvent(now,
                    decision.equals("uphold") ? "REJECTION_UPHELD" : "REJECTION_OVERTURNED", null, actor(task),
                    text(task.getVariable(ARBITRATION_NOTE)), "final"));
        };
    }

    @Bean
    JavaDelegate returnToNurture() {
        return execution -> {
            Lead lead = lead(execution);
            OffsetDateTime now = EngineClock.now();
            String reason = "uphold".equals(execution.getVariable(ARBITRATION_DECISION))
                    ? "below the MQL definition: rejection upheld in arbitration"
                    : "below the MQL definition: marketing accepted the rejection";
            toNurture(execution, lead, LeadStage.NURTURE, reason, now);
        };
    }

    /** Saves one contact attempt; the form's fields are cleared so the next attempt starts empty. */
    @Bean
    TaskListener recordContactAttempt() {
        return task -> {
            String channel = oneOf(task.getVariable(CONTACT_CHANNEL), CONTACT_CHANNEL, CHANNELS);
            String outcome = oneOf(task.getVariable(CONTACT_OUTCOME), CONTACT_OUTCOME, CONTACT_OUTCOMES);
            if (outcome.equals("disqualified")) {
                oneOf(task.getVariable(DISQUALIFICATION_REASON), DISQUALIFICATION_REASON, DISQUALIFICATION_REASONS);
            }
            DelegateExecution execution = task.getExecution();
            Lead lead = lead(execution);
            String note = text(task.getVariable(CONTACT_NOTE));
            OffsetDateTime now = EngineClock.now();
            leads.recordContactAttempt(lead.id(), actor(task), channel, outcome, note, now);
            leads.addEvent(lead.id(), new LeadEvent(now, "CONTACT_ATTEMPT", null, actor(task),
                    LeadLabels.of(channel) + ": " + LeadLabels.of(outcome), note));
            execution.setVariable(CONTACT_ATTEMPTS, leads.contactAttempts(lead.id()));
            execution.setVariable(LAST_CONTACT_OUTCOME, outcome);
            execution.removeVariables(List.of(CONTACT_CHANNEL, CONTACT_OUTCOME, CONTACT_NOTE));
        };
    }

    @Bean
    JavaDelegate remindCadence() {
        return execution -> remind(execution, "Task_LogContactAttempt", (String) execution.getVariable(OWNER),
                "Half of the contact window for " + lead(execution).name() + " is gone: "
                        + execution.getVariable(CONTACT_ATTEMPTS) + " of " + execution.getVariable(CONTACT_ATTEMPT_TARGET)
                        + " attempts made");
    }

    /** The cadence ends without a meeting; too few attempts in the window are a breach of the agreement. */
    @Bean
    JavaDelegate closeCadence() {
        return execution -> {
            Lead lead = lead(execution);
            OffsetDateTime now = EngineClock.now();
            int attempts = leads.contactAttempts(lead.id());
            int target = (Integer) execution.getVariable(CONTACT_ATTEMPT_TARGET);
            String reason;
            if (attempts >= target) {
                reason = "attempts exhausted: " + attempts + " attempts without a meeting";
            } else {
                OffsetDateTime windowEnd = utc((Date) execution.getVariable(CONTACT_WINDOW_ENDS_AT));
                ledger.breach(lead.id(), null, "CONTACT_CADENCE", lead.owner(), lead.team(), windowEnd, now);
                reason = "contact window elapsed after " + attempts + " of " + target + " attempts";
                leads.addEvent(lead.id(), new LeadEvent(now, "SLA_BREACHED", null, lead.owner(),
                        "cadence: only " + attempts + " of " + target + " contact attempts in the window", null));
            }
            toNurture(execution, lead, LeadStage.RECYCLED, reason, now);
        };
    }

    @Bean
    JavaDelegate disqualifyLead() {
        return execution -> {
            Lead lead = lead(execution);
            OffsetDateTime now = EngineClock.now();
            String reason = (String) execution.getVariable(DISQUALIFICATION_REASON);
            leads.changeStage(lead.id(), LeadStage.DISQUALIFIED, reason, null, now);
            leads.close(lead.id());
            leads.addEvent(lead.id(), new LeadEvent(now, "DISQUALIFIED", LeadStage.DISQUALIFIED, actor(), reason, null));
        };
    }

    /** A booked meeting makes the lead an SQL; an AE takes it over by round robin with the meeting SLA. */
    @Bean
    JavaDelegate handToAe() {
        return execution -> {
            Lead lead = lead(execution);
            OffsetDateTime now = EngineClock.now();
            if (lead.stage() != LeadStage.SQL) {
                leads.changeStage(lead.id(), LeadStage.SQL, "meeting booked by " + lead.owner(), null, now);
            }
            Reps.Routing choice = reps.next(Groups.AE, csv(execution, EXCLUDED_AES));
            String ae = choice.chosen().orElse(null);
            startMeetingClock(execution, lead, ae, SlaLedger.Role.AE, now);
            leads.addEvent(lead.id(), new LeadEvent(now, "HANDED_TO_AE", LeadStage.SQL, actor(),
                    ae != null ? "handed to " + ae + " by round robin" : "no eligible AE: waiting in the AE queue",
                    json(Map.of("considered", choice.considered()))));
        };
    }

    @Bean
    JavaDelegate remindAe() {
        return execution -> remind(execution, "Task_HoldDiscoveryMeeting", (String) execution.getVariable(AE_OWNER),
                "Hold the discovery meeting with " + lead(execution).name() + " by "
                        + deadlines.moment((Date) execution.getVariable(MEETING_DUE_AT)));
    }

    @Bean
    JavaDelegate recordMeetingBreach() {
        return execution -> {
            Lead lead = lead(execution);
            String ae = (String) execution.getVariable(AE_OWNER);
            OffsetDateTime now = EngineClock.now();
            long assignment = assignmentId(execution);
            ledger.end(assignment, SlaLedger.Outcome.BREACHED, now);
            Duration late = ledger.breach(lead.id(), assignment, "MEETING", ae, Groups.AE,
                    utc((Date) execution.getVariable(MEETING_DUE_AT)), now);
            Integer before = (Integer) execution.getVariable(MEETING_BREACH_COUNT);
            execution.setVariable(MEETING_BREACH_COUNT, (before == null ? 0 : before) + 1);
            if (ae != null) {
                execution.setVariable(EXCLUDED_AES, join(csv(execution, EXCLUDED_AES), ae));
            }
            leads.addEvent(lead.id(), new LeadEvent(now, "SLA_BREACHED", null, ae,
                    "discovery meeting not held in time, " + minutes(late) + " late", null));
            notifier.notify(ae, "Meeting SLA breached: " + lead.name(), "The lead goes to another account executive.");
        };
    }

    @Bean
    TaskListener applyOverdueMeetingDecision() {
        return task -> {
            Resolution resolution = resolveOverdue(task, Groups.AE, "meeting ");
            startMeetingClock(task.getExecution(), lead(task.getExecution()), resolution.rep(),
                    resolution.takeOver() ? SlaLedger.Role.MANAGER : SlaLedger.Role.AE, resolution.at());
        };
    }

    private record Resolution(String rep, boolean takeOver, OffsetDateTime at) {
    }

    /** A manager reassigns an overdue lead or meeting, or takes it over; the escalation is resolved. */
    private Resolution resolveOverdue(DelegateTask task, String team, String what) {
        DelegateExecution execution = task.getExecution();
        String rep = overdueAssignee(task, team);
        boolean takeOver = "take_over".equals(task.getVariable(OVERDUE_ACTION));
        OffsetDateTime now = EngineClock.now();
        ledger.resolveEscalation(((Number) execution.getVariable(ESCALATION_ID)).longValue(),
                takeOver ? "TAKEN_OVER" : "REASSIGNED", actor(task), now);
        leads.addEvent(lead(execution).id(), new LeadEvent(now, takeOver ? "TAKEN_OVER" : "REASSIGNED", null,
                actor(task), what + (takeOver ? "taken over by " : "reassigned to ") + rep, null));
        execution.removeVariables(List.of(ASSIGN_TO, OVERDUE_ACTION));
        return new Resolution(rep, takeOver, now);
    }

    @Bean
    TaskListener recordMeetingOutcome() {
        return task -> {
            String outcome = oneOf(task.getVariable(MEETING_OUTCOME), MEETING_OUTCOME, Set.of("opportunity", "disqualified"));
            DelegateExecution execution = task.getExecution();
            Lead lead = lead(execution);
            OffsetDateTime now = EngineClock.now();
            ledger.end(assignmentId(execution), SlaLedger.Outcome.MET, now);
            if (outcome.equals("disqualified")) {
                oneOf(task.getVariable(DISQUALIFICATION_REASON), DISQUALIFICATION_REASON, DISQUALIFICATION_REASONS);
                return;
            }
            BigDecimal amount = amount(task.getVariable(OPPORTUNITY_AMOUNT), OPPORTUNITY_AMOUNT);
            leads.setAmount(lead.id(), amount);
            leads.changeStage(lead.id(), LeadStage.OPPORTUNITY, "discovery meeting held by " + actor(task), null, now);
            leads.addEvent(lead.id(), new LeadEvent(now, "OPPORTUNITY", LeadStage.OPPORTUNITY, actor(task),
                    "amount " + amount.toPlainString(), null));
        };
    }

    /** Won or lost, from the AE's task or the CRM callback; the variables were checked before they got here. */
    @Bean
    JavaDelegate applyDealOutcome() {
        return execution -> {
            Lead lead = lead(execution);
            OffsetDateTime now = EngineClock.now();
            String outcome = oneOf(execution.getVariable(DEAL_OUTCOME), DEAL_OUTCOME, Set.of("won", "lost"));
            if (outcome.equals("won")) {
                Object given = execution.getVariable(DEAL_AMOUNT);
                BigDecimal amount = given == null || given.toString().isBlank()
                        ? (execution.getVariable(OPPORTUNITY_AMOUNT) == null ? BigDecimal.ZERO
                                : amount(execution.getVariable(OPPORTUNITY_AMOUNT), OPPORTUNITY_AMOUNT))
                        : amount(given, DEAL_AMOUNT);
                leads.setAmount(lead.id(), amount);
                leads.changeStage(lead.id(), LeadStage.WON, "won " + amount.toPlainString(), null, now);
                leads.close(lead.id());
                leads.addEvent(lead.id(), new LeadEvent(now, "WON", LeadStage.WON, actor(), amount.toPlainString(), null));
            } else {
                String reason = text(execution.getVariable(LOST_REASON));
                if (reason == null) {
                    throw new InvalidInputException(LOST_REASON, "is required for a lost deal");
                }
                leads.changeStage(lead.id(), LeadStage.LOST, reason, null, now);
                execution.setVariable(COOL_OFF_UNTIL, Date.from(now.plus(settings.lostCoolOff()).toInstant()));
                leads.addEvent(lead.id(), new LeadEvent(now, "LOST", LeadStage.LOST, actor(), reason, null));
            }
        };
    }

    @Bean
    JavaDelegate recycleLostLead() {
        return execution -> toNurture(execution, lead(execution), LeadStage.RECYCLED,
                "lost deal, cool-off over: back to nurture", EngineClock.now());
    }

    private OffsetDateTime startAcceptClock(DelegateExecution execution, Lead lead, String rep, String team,
            SlaLedger.Role role, OffsetDateTime now) {
        double hours = ((Number) execution.getVariable(ACCEPT_WITHIN_HOURS)).doubleValue();
        OffsetDateTime due = utc(Date.from(businessTime.hours().plus(now.toInstant(),
                Duration.ofMinutes(Math.round(hours * 60)))));
        execution.setVariable(ASSIGNMENT_ID, ledger.start(lead.id(), role, rep, team, now, due));
        execution.setVariable(OWNER, rep);
        execution.setVariable(SLA_DUE_AT, date(due));
        execution.setVariable(SLA_DUE_TEXT, deadlines.moment(due));
        execution.setVariable(SLA_REMINDER_AT, businessTime.fraction(date(now), date(due), 0.5));
        leads.assign(lead.id(), rep, team, due, now);
        if (rep != null) {
            notifier.notify(rep, "New lead to accept: " + lead.name(), "Accept or reject " + lead.name() + " ("
                    + lead.company() + ", grade " + lead.fitGrade() + ") in Tasklist by " + deadlines.moment(due)
                    + ".");
        }
        return due;
    }

    private void startMeetingClock(DelegateExecution execution, Lead lead, String ae, SlaLedger.Role role,
            OffsetDateTime now) {
        int days = (Integer) execution.getVariable(MEETING_WITHIN_DAYS);
        OffsetDateTime due = utc(Date.from(businessTime.hours().plus(now.toInstant(),
                businessTime.hours().workingDay().multipliedBy(days))));
        execution.setVariable(ASSIGNMENT_ID, ledger.start(lead.id(), role, ae, Groups.AE, now, due));
        execution.setVariable(AE_OWNER, ae);
        execution.setVariable(MEETING_DUE_AT, date(due));
        execution.setVariable(MEETING_DUE_TEXT, deadlines.moment(due));
        execution.setVariable(MEETING_REMINDER_AT, businessTime.fraction(date(now), date(due), 0.5));
        leads.assign(lead.id(), ae, Groups.AE, due, now);
        if (ae != null) {
            notifier.notify(ae, "Discovery meeting to hold: " + lead.name(), "Hold the discovery meeting with "
                    + lead.name() + " (" + lead.company() + ") by " + deadlines.moment(due) + ".");
        }
    }

    private void toNurture(DelegateExecution execution, Lead lead, LeadStage stage, String reason, OffsetDateTime now) {
        leads.changeStage(lead.id(), stage, reason, null, now);
        leads.assign(lead.id(), null, null, null, now);
        execution.setVariable(NURTURE_UNTIL, Date.from(now.plus(settings.nurtureTimeout()).toInstant()));
        execution.removeVariables(List.of(OWNER, AE_OWNER, EXCLUDED_REPS, EXCLUDED_AES, BREACH_COUNT,
                MEETING_BREACH_COUNT, SAL_DECISION, REJECTION_REASON, REJECTION_NOTE, REVIEW_DECISION,
                ARBITRATION_DECISION, LAST_CONTACT_OUTCOME, DEAL_OUTCOME));
        leads.addEvent(lead.id(), new LeadEvent(now, stage.name(), stage, actor(), reason, null));
    }

    private void remind(DelegateExecution execution, String taskKey, String rep, String text) {
        Task task = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(taskKey).singleResult();
        if (task != null) {
            task.setFollowUpDate(ClockNow.date());
            tasks.saveTask(task);
        }
        Lead lead = lead(execution);
        leads.addEvent(lead.id(), new LeadEvent(EngineClock.now(), "SLA_REMINDER", null, actor(), text, rep));
        if (rep != null) {
            notifier.notify(rep, "Reminder: " + lead.name(), text);
        } else {
            notifier.notifyGroup(Groups.SALES_MANAGERS, "Reminder: " + lead.name(), text);
        }
    }

    private String overdueAssignee(DelegateTask task, String team) {
        String action = oneOf(task.getVariable(OVERDUE_ACTION), OVERDUE_ACTION, Set.of("reassign", "take_over"));
        if (action.equals("take_over")) {
            return actor(task);
        }
        String rep = text(task.getVariable(ASSIGN_TO));
        if (rep == null || !reps.isMember(rep, team)) {
            throw new InvalidInputException(ASSIGN_TO, "name a member of team " + team + " to reassign to");
        }
        return rep;
    }

    private Lead lead(DelegateExecution execution) {
        String id = (String) execution.getVariable(LEAD_ID);
        return leads.findById(id).orElseThrow(() -> new IllegalStateException("No lead " + id));
    }

    private static long assignmentId(DelegateExecution execution) {
        return ((Number) execution.getVariable(ASSIGNMENT_ID)).longValue();
    }

    private static String oneOf(Object value, String field, Set<String> allowed) {
        String text = text(value);
        if (text == null || !allowed.contains(text)) {
            throw new InvalidInputException(field, "must be one of " + allowed.stream().sorted().toList());
        }
        return text;
    }

    private static BigDecimal amount(Object value, String field) {
        try {
            BigDecimal amount = new BigDecimal(String.valueOf(value).trim());
            if (amount.signum() < 0) {
                throw new NumberFormatException();
            }
            // As the CRM callback: what the deal amount column holds, to the cent.
            if (amount.compareTo(Leads.MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2) {
                throw new InvalidInputException(field, "must be at most " + Leads.MAX_AMOUNT.toPlainString()
                        + " with at most 2 decimals");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be an amount of 0 or more");
        }
    }

    private static Set<String> csv(DelegateExecution execution, String name) {
        String value = (String) execution.getVariable(name);
        return value == null || value.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(value.split(",")));
    }

    private static String join(Set<String> values, String more) {
        Set<String> all = new LinkedHashSet<>(values);
        all.add(more);
        return String.join(",", all);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private static String minutes(Duration late) {
        return late.toMinutes() + " min";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Date date) {
        return date.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static Date date(OffsetDateTime time) {
        return Date.from(time.toInstant());
    }

    private String actor(DelegateTask task) {
        return user.actor(task.getAssignee());
    }

    private String actor() {
        return user.actor(null);
    }

    private static final class ClockNow {
        static Date date() {
            return org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime();
        }
    }
}
