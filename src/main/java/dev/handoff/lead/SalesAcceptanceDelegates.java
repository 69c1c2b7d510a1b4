package dev.handoff.lead;

import static dev.handoff.lead.LeadVariables.*;
import static dev.handoff.lead.StageValues.*;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.handoff.account.Accounts;
import dev.handoff.agreement.Agreements;
import dev.handoff.identity.Groups;
import dev.handoff.notification.Notifier;
import dev.handoff.platform.EngineClock;
import dev.handoff.platform.InvalidInputException;
import dev.handoff.routing.Reps;
import dev.handoff.sla.BusinessTime;
import dev.handoff.sla.DeadlineFormat;
import dev.handoff.sla.SlaLedger;
import dev.handoff.sla.SlaPolicy;

/**
 * The glue of sales acceptance under the SLA: routing an MQL to a rep, the rep's accept-or-reject decision, the
 * reminder at half-time, the breach and the reassignment that follows it. Each bean is one step of the diagram,
 * named as the diagram calls it.
 */
@Configuration
class SalesAcceptanceDelegates {

    static final String ROUTING_DECISION = "lead-routing";
    static final Set<String> REJECTION_REASONS = Set.of("misrouted", "bad_data", "below_definition");

    private final LeadRepository leads;
    private final Reps reps;
    private final SlaPolicy policy;
    private final SlaLedger ledger;
    private final SlaClocks clocks;
    private final OverdueLeads overdue;
    private final BusinessTime businessTime;
    private final DecisionService decisions;
    private final Notifier notifier;
    private final DeadlineFormat deadlines;
    private final StageGlue glue;
    private final Agreements agreements;
    private final Accounts accounts;
    private final LeadCard card;

    SalesAcceptanceDelegates(LeadRepository leads, Reps reps, SlaPolicy policy, SlaLedger ledger, SlaClocks clocks,
            OverdueLeads overdue, BusinessTime businessTime, DecisionService decisions, Notifier notifier,
            DeadlineFormat deadlines, StageGlue glue, Agreements agreements, Accounts accounts, LeadCard card) {
        this.leads = leads;
        this.reps = reps;
        this.policy = policy;
        this.ledger = ledger;
        this.clocks = clocks;
        this.overdue = overdue;
        this.businessTime = businessTime;
        this.decisions = decisions;
        this.notifier = notifier;
        this.deadlines = deadlines;
        this.glue = glue;
        this.agreements = agreements;
        this.accounts = accounts;
        this.card = card;
    }

    /**
     * Routes an MQL to its account's owner when processes/account-matching.dmn finds an account and the owner may
     * take it; else by processes/lead-routing.dmn (the version the agreement in force names) and round robin within
     * the team. Then starts the SLA clock.
     */
    @Bean
    JavaDelegate routeLead() {
        return execution -> {
            Lead lead = glue.lead(execution);
            DmnDecisionResultEntries routing = decisions.evaluateDecisionById(agreements.decisionId(ROUTING_DECISION))
                    .variables(Variables.createVariables().putValue("country", lead.country())
                            .putValue("companySize", lead.companySize()).putValue("industry", lead.industry()))
                    .evaluate().getSingleResult();
            String team = routing.getEntry("team");
            String segment = routing.getEntry("segment");
            SlaPolicy.Targets targets = policy.targets(lead.fitGrade(), segment);
            execution.setVariable(TEAM, team);
            execution.setVariable(SEGMENT, segment);
            if (!StageGlue.callsStages(execution)) {
                // Its accept form reads the persona from the lifecycle; a stage shows it from the lead's card.
                execution.setVariable(PERSONA, card.persona(lead));
            }
            execution.setVariable(ACCEPT_WITHIN_HOURS, targets.acceptWithinHours());
            execution.setVariable(CONTACT_ATTEMPT_TARGET, targets.contactAttempts());
            execution.setVariable(MEETING_WITHIN_DAYS, targets.meetingWithinDays());
            execution.setVariable(CONTACT_WINDOW_DAYS, targets.contactWindowDays());

            Set<String> excluded = csv(execution, EXCLUDED_REPS);
            AccountRouting byAccount = AccountRouting.route(accounts.match(lead.email(), lead.company()), reps,
                    excluded);
            if (byAccount.owned()) {
                team = byAccount.choice().team();
                execution.setVariable(TEAM, team);
            }
            Reps.Routing choice = byAccount.owned() ? byAccount.choice() : reps.next(team, excluded);
            String owner = choice.chosen().orElse(null);
            OffsetDateTime now = EngineClock.now();
            OffsetDateTime due = clocks.startAcceptClock(execution, lead, owner, team, SlaLedger.Role.SDR, now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("team", team);
            detail.put("segment", segment);
            detail.put("account", byAccount.detail());

            detail.put("considered", choice.considered());
            detail.put("chosen", owner);
            detail.put("slaStartedAt", now.toString());
            detail.put("slaDueAt", due.toString());
            detail.put("acceptWithinBusinessHours", targets.acceptWithinHours());
            String how = byAccount.owned() ? "routed to " + owner + ", " + byAccount.note()
                    : (owner != null ? "routed to " + owner + " by round robin in team " + team
                    : "no eligible rep in team " + team + ": waiting in the team's queue")
                    + (byAccount.note() == null ? "" : " (" + byAccount.note() + ")");
            leads.addEvent(lead.id(), new LeadEvent(now, "ACCOUNT_MATCH", null, glue.actor(), byAccount.reason(),
                    json(byAccount.detail())));
            leads.addEvent(lead.id(), new LeadEvent(now, "ROUTED", LeadStage.MQL, glue.actor(),
                    how.length() <= 300 ? how : how.substring(0, 299) + "…", json(detail)));
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
                rep = glue.actor(task);
            }
            if (!reps.isMember(rep, team) && !reps.isMember(rep, Groups.SALES_MANAGERS)) {
                throw new InvalidInputException(ASSIGN_TO, "'" + rep + "' is neither in team " + team
                        + " nor a sales manager");
            }
            Lead lead = glue.lead(execution);
            OffsetDateTime now = EngineClock.now();
            ledger.end(assignmentId(execution), SlaLedger.Outcome.REASSIGNED, now);
            clocks.startAcceptClock(execution, lead, rep, team, SlaLedger.Role.SDR, now);
            leads.addEvent(lead.id(), new LeadEvent(now, "ASSIGNED", LeadStage.MQL, glue.actor(task),
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
            Lead lead = glue.lead(execution);
            String rep = glue.actor(task);
            OffsetDateTime now = EngineClock.now();
            if (decision.equals("accept")) {
                ledger.end(assignmentId(execution), SlaLedger.Outcome.ACCEPTED, now);
                leads.changeStage(lead.id(), LeadStage.SAL, "accepted by " + rep, null, now);
                leads.addEvent(lead.id(), new LeadEvent(now, "SAL_ACCEPTED", LeadStage.SAL, rep, null, null));
                int days = (Integer) execution.getVariable(CONTACT_WINDOW_DAYS);
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
        return execution -> glue.remind(execution, "Task_AcceptLead", (String) execution.getVariable(OWNER),
                "Accept or reject " + glue.lead(execution).name() + " by "
                        + deadlines.moment((Date) execution.getVariable(SLA_DUE_AT)));
    }

    /** The SLA lapsed: the breach is recorded against the rep, who is left out of this lead's next routing. */
    @Bean
    JavaDelegate recordBreach() {
        return execution -> {
            Lead lead = glue.lead(execution);
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

    @Bean
    TaskListener applyOverdueDecision() {
        return task -> {
            DelegateExecution execution = task.getExecution();
            String team = (String) execution.getVariable(TEAM);
            OverdueLeads.Resolution resolution = overdue.resolve(task, team, "");
            clocks.startAcceptClock(execution, glue.lead(execution), resolution.rep(), team,
                    resolution.takeOver() ? SlaLedger.Role.MANAGER : SlaLedger.Role.SDR, resolution.at());
        };
    }
}
