package dev.handoff.lead;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import dev.handoff.agreement.Agreements;
import dev.handoff.agreement.Catalogue;

/**
 * Shows a stage its lead: reads the lead's record once, by the stage's {@code leadId}, and sets the card's variables
 * ({@link LeadVariables#card}) that the stage's forms, Tasklist's columns and its glue read. lead-lifecycle passes a
 * stage only ids and the values it decides on, so the lead's fields are held once, by the stage that shows them,
 * and the record (kept current by the steps that change it: scoring, data completion, engagement, routing) is
 * what every stage shows. A stage called by a lifecycle version before the card gets the fields passed in too;
 * the record's values replace them.
 * <p>
 * On the start event of the sales stages ({@code ${leadCard}}, template dev.handoff.LeadCard); in qualification,
 * as the create listener of "Complete lead data", the only step there whose form shows the lead, so that a lead
 * qualified at once (at intake) reads nothing more.
 */
@Component("leadCard")
class LeadCard implements ExecutionListener, TaskListener {

    private final LeadRepository leads;
    private final Agreements agreements;

    LeadCard(LeadRepository leads, Agreements agreements) {
        this.leads = leads;
        this.agreements = agreements;
    }

    @Override
    public void notify(DelegateExecution execution) {
        show(execution);
    }

    @Override
    public void notify(DelegateTask task) {
        show(task.getExecution());
    }

    void show(DelegateExecution execution) {
        String id = (String) execution.getVariable(LeadVariables.LEAD_ID);
        Lead lead = leads.findById(id).orElseThrow(() -> new IllegalStateException("No lead " + id));
        String mqlReason = leads.mqlReason(id);
        execution.setVariables(LeadVariables.card(lead, persona(lead),
                mqlReason != null ? mqlReason : (String) execution.getVariable(LeadVariables.MQL_REASON)));
    }

    /** The persona the lead matched when it was scored, by its name in the catalogue in force. */
    String persona(Lead lead) {
        if (lead.personaKey() == null) {
            return Catalogue.UNMATCHED;
        }
        return agreements.catalogue().persona(lead.personaKey()).map(p -> p.name() + " (" + p.key() + ")")
                .orElse(lead.personaKey());
    }
}
