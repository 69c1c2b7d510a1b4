package dev.handoff.lead;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.handoff.agreement.Catalogue;
import dev.handoff.platform.CurrentUser;
import dev.handoff.platform.EngineClock;

/**
 * The glue between lead-lifecycle.bpmn and the lead capability: each bean is one step of the diagram,
 * named as the diagram calls it ({@code ${registerLead}}, {@code ${scoreLead}}, ...).
 */
@Configuration
class LeadLifecycleDelegates {

    private final LeadRepository repository;
    private final LeadScoring scoring;
    private final MqlDefinition mqlDefinition;
    private final LeadSettings settings;
    private final CurrentUser user;
    private final Leads leads;
    private final LeadCard card;

    LeadLifecycleDelegates(LeadRepository repository, LeadScoring scoring, MqlDefinition mqlDefinition,
            LeadSettings settings, CurrentUser user, Leads leads, LeadCard card) {
        this.repository = repository;
        this.scoring = scoring;
        this.mqlDefinition = mqlDefinition;
        this.settings = settings;
        this.user = user;
        this.leads = leads;
        this.card = card;
    }

    /**
     * Leads captured through the API arrive with their record made; a Tasklist start form brings only
     * variables, so the record is made here, with the same validation and duplicate rule. The lifecycle keeps the
     * lead's ids; a lifecycle version before the stages, whose forms read the lead from it, gets its fields too.
     */
    @Bean
    JavaDelegate registerLead() {
        return execution -> {
            if (execution.getVariable(LeadVariables.LEAD_ID) != null) {
                if (!StageGlue.callsStages(execution)) {
                    execution.setVariables(LeadVariables.beforeStages(lead(execution)));
                }
                execution.setVariable(LeadVariables.LEAD_IS_NEW, true);
                return;
            }
            LeadRequest request = LeadForms.request(execution.getVariables(), null, null);
            leads.validate(request);
            var duplicate = repository.findDuplicate(request.externalId(), request.email());
            if (duplicate.isPresent()) {
                repository.addEvent(duplicate.get().id(), new LeadEvent(EngineClock.now(), "CAPTURED_AGAIN", null,
                        actor(), "submitted again from Tasklist; this submission ended as a duplicate", null));
                execution.setVariable(LeadVariables.LEAD_IS_NEW, false);
                execution.setVariable(LeadVariables.LEAD_ID, duplicate.get().id());
                return;
            }
            Lead lead = repository.findById(leads.record(request, actor(), "Tasklist start form")).orElseThrow();
            execution.setProcessBusinessKey(lead.number());
            // The lifecycle keeps the lead's ids, not the start form's fields: the record holds them now.
            execution.removeVariables(LeadForms.FIELDS);
            execution.setVariables(StageGlue.callsStages(execution) ? LeadVariables.ids(lead)
                    : LeadVariables.beforeStages(lead));
            execution.setVariable(LeadVariables.LEAD_IS_NEW, true);
        };
    }

    @Bean
    JavaDelegate scoreLead() {
        return execution -> {
            Lead lead = lead(execution);
            OffsetDateTime now = EngineClock.now();
            LeadScoring.Fit fit = scoring.fit(lead);
            BigDecimal engagement = scoring.engagementScore(repository.engagements(lead.id()), now);
            repository.updateScores(lead.id(), fit, engagement, now);
            repository.addEvent(lead.id(), new LeadEvent(now, "SCORED", null, actor(),
                    "fit " + fit.points() + " (grade " + fit.grade() + "), engagement " + engagement + ", persona "
                            + (fit.persona() == null ? Catalogue.UNMATCHED : fit.persona()), null));
            execution.setVariable(LeadVariables.FIT_POINTS, fit.points());
            execution.setVariable(LeadVariables.FIT_GRADE, fit.grade());
            execution.setVariable(LeadVariables.ENGAGEMENT_SCORE, engagement.doubleValue());
        };
    }

    @Bean
    JavaDelegate applyMqlDefinition() {
        return execution -> {
            Lead lead = lead(execution);
            OffsetDateTime now = EngineClock.now();
            MqlDefinition.Verdict verdict = mqlDefinition.judge(lead, lead.fitPoints(), lead.engagementScore());
            repository.changeStage(lead.id(), verdict.stage(), verdict.reason(), verdict.definitionVersion(), now);
            repository.recordAgreement(lead.id(), verdict.agreementNumber());
            repository.addEvent(lead.id(), new LeadEvent(now, "MQL_DEFINITION_APPLIED", verdict.stage(), actor(),
                    verdict.reason(), MqlDefinition.KEY + " v" + verdict.definitionVersion() + " under agreement "
                            + verdict.agreementNumber()));
            execution.setVariable(LeadVariables.MQL_VERDICT, verdict.stage().name());
            execution.setVariable(LeadVariables.MQL_REASON, verdict.reason());
            execution.setVariable(LeadVariables.MISSING_FIELDS, String.join(", ", verdict.missingFields()));
            execution.setVariable(LeadVariables.MQL_DEFINITION_VERSION, verdict.definitionVersion());
            execution.setVariable(LeadVariables.AGREEMENT_NUMBER, verdict.agreementNumber());
            if (verdict.stage() == LeadStage.NURTURE && execution.getVariable(LeadVariables.NURTURE_UNTIL) == null) {
                execution.setVariable(LeadVariables.NURTURE_UNTIL,
                        Date.from(now.plus(settings.nurtureTimeout()).toInstant()));
            }
        };
    }

    /** Saves what marketing ops filled in on "Complete lead data" before the lead is judged again. */
    @Bean
    TaskListener saveLeadData() {
        return task -> {
            Lead lead = lead(task.getExecution());
            LeadRequest request = LeadForms.request(task.getVariables(), lead.email(), lead.source());
            leads.validate(request);
            OffsetDateTime now = EngineClock.now();
            repository.updateDetails(lead.id(), request, now);
            repository.addEvent(lead.id(), new LeadEvent(now, "DATA_COMPLETED", null, actor(task), null, null));
            card.show(task.getExecution());
        };
    }

    @Bean
    JavaDelegate recycleLead() {
        return execution -> {
            Lead lead = lead(execution);
            OffsetDateTime now = EngineClock.now();
            String reason = "stale: no MQL within " + settings.nurtureTimeout().toDays() + " days of nurture";
            repository.changeStage(lead.id(), LeadStage.RECYCLED, reason, null, now);
            repository.close(lead.id());
            repository.addEvent(lead.id(), new LeadEvent(now, "RECYCLED", LeadStage.RECYCLED, actor(), reason, null));
        };
    }

    private Lead lead(DelegateExecution execution) {
        String id = (String) execution.getVariable(LeadVariables.LEAD_ID);
        return repository.findById(id).orElseThrow(() -> new IllegalStateException("No lead " + id));
    }

    private String actor(DelegateTask task) {
        return user.actor(task.getAssignee());
    }

    private String actor() {
        return user.actor(null);
    }
}
