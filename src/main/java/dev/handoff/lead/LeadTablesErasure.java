package dev.handoff.lead;

import java.time.OffsetDateTime;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.handoff.platform.EngineClock;

/**
 * Handoff's own tables: the lead row becomes anonymous (identity, stage, dates, source, campaign, firmographics and
 * owner stay, so reports still count it); timeline texts and stage reasons lose the person's values; reps' free-text
 * notes on rejections and contact attempts are removed.
 */
@Component
@Order(1)
class LeadTablesErasure implements PersonalDataStore {

    private final JdbcClient jdbc;

    LeadTablesErasure(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String what() {
        return "Handoff's lead tables (lead, timeline, rejection and contact notes)";
    }

    @Override
    public int erase(Subject subject) {
        OffsetDateTime now = EngineClock.now();
        String stageReason = jdbc.sql("select stage_reason from lead where id = ?").param(subject.leadId())
                .query(String.class).optional().orElse(null);
        int changed = jdbc.sql("update lead set email = ?, open_email = null, external_id = null, first_name = null, "
                + "last_name = null, phone = null, job_title = null, company = null, stage_reason = ?, "
                + "erased_at = coalesce(erased_at, ?), updated_at = ? where id = ?")
                .params(PersonalData.erasedEmail(subject.number()), subject.scrub(stageReason), now, now,
                        subject.leadId())
                .update();
        var events = jdbc.sql("select id, reason, detail from lead_event where lead_id = ?").param(subject.leadId())
                .query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3) }).list();
        for (Object[] event : events) {
            String reason = (String) event[1];
            String detail = (String) event[2];
            if (subject.mentions(reason) || subject.mentions(detail)) {
                changed += jdbc.sql("update lead_event set reason = ?, detail = ? where id = ?")
                        .params(subject.scrub(reason), subject.scrub(detail), event[0]).update();
            }
        }
        // Notes are whatever a rep typed about the person: nothing in them is safe to keep.
        changed += jdbc.sql("update lead_event set detail = null where lead_id = ? and type = 'SAL_REJECTED'")
                .param(subject.leadId()).update();
        changed += jdbc.sql("update lead_rejection set note = null where lead_id = ? and note is not null")
                .param(subject.leadId()).update();
        changed += jdbc.sql("update contact_attempt set note = null where lead_id = ? and note is not null")
                .param(subject.leadId()).update();
        return changed;
    }
}
