package dev.handoff.lead;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.handoff.event.OutboundEvent;

/**
 * Which timeline entries other systems are told of (every stage change, every SLA breach, escalation and its
 * resolution, and the rejection's review), and what they are told: the timeline entry with the lead as it
 * stands after the change. Names and email addresses stay out: a CRM matches on the lead's id, number or
 * external id.
 */
final class PublishedEvents {

    /** Timeline type to the words of the chat summary. */
    static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("CAPTURED", "new lead"),
            Map.entry("MQL_DEFINITION_APPLIED", "judged by the MQL definition"),
            Map.entry("SAL_ACCEPTED", "accepted by sales (SAL)"),
            Map.entry("SAL_REJECTED", "rejected by sales"),
            Map.entry("REJECTION_ACCEPTED", "rejection accepted by marketing"),
            Map.entry("REJECTION_DISPUTED", "rejection disputed by marketing"),
            Map.entry("REJECTION_UPHELD", "rejection upheld"),
            Map.entry("REJECTION_OVERTURNED", "rejection overturned"),
            Map.entry("HANDED_TO_AE", "meeting booked (SQL)"),
            Map.entry("OPPORTUNITY", "opportunity"),
            Map.entry("WON", "won"),
            Map.entry("LOST", "lost"),
            Map.entry("NURTURE", "back to nurture"),
            Map.entry("RECYCLED", "recycled"),
            Map.entry("DISQUALIFIED", "disqualified"),
            Map.entry("SLA_BREACHED", "SLA breached"),
            Map.entry("ESCALATED", "escalated to the sales managers"),
            Map.entry("REASSIGNED", "overdue lead reassigned"),
            Map.entry("TAKEN_OVER", "overdue lead taken over"));

    static Optional<OutboundEvent> of(Lead lead, LeadEvent entry) {
        String label = LABELS.get(entry.type());
        if (label == null) {
            return Optional.empty();
        }
        LeadStage stage = entry.stage() != null ? entry.stage() : lead.stage();
        Map<String, Object> leadData = new LinkedHashMap<>();
        leadData.put("id", lead.id());
        leadData.put("number", lead.number());
        leadData.put("externalId", lead.externalId());
        leadData.put("stage", lead.stage().name());
        leadData.put("owner", lead.owner());
        leadData.put("team", lead.team());
        leadData.put("company", lead.company());
        leadData.put("source", lead.source().code());
        leadData.put("campaign", lead.campaign());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("stage", stage.name());
        data.put("actor", entry.actor());
        data.put("reason", entry.reason());
        data.put("detail", entry.detail());
        data.put("lead", leadData);
        String summary = lead.number() + (lead.company() == null ? "" : " (" + lead.company() + ")") + ": " + label
                + (entry.type().equals("MQL_DEFINITION_APPLIED") ? ", " + stage.name() : "")
                + (entry.reason() == null ? "" : " - " + entry.reason())
                + (entry.actor() == null ? "" : " [" + entry.actor() + "]");
        return Optional.of(OutboundEvent.of(entry.type(), lead.id(), entry.occurredAt(), summary, data));
    }

    private PublishedEvents() {
    }
}
