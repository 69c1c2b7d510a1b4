package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import dev.handoff.sla.BusinessHours;
import dev.handoff.sla.BusinessTime;

/**
 * When a draft is due and when its reminder goes out. The first draft is due at the end of the agreed
 * business day; a revision gets {@link #REVISION_DAYS} business days. The reminder comes one business day
 * before the due date, or half-way when less time than that is left.
 */
@Component
class DraftSchedule {

    static final int REVISION_DAYS = 2;

    private final BusinessHours hours;

    DraftSchedule(BusinessTime businessTime) {
        this.hours = businessTime.hours();
    }

    void firstDraftDue(VariableScope scope, LocalDate agreedDueDate) {
        // From midnight, one working day of working time ends at closing time of that (or the next working) day.
        Instant due = hours.plus(agreedDueDate.atStartOfDay(hours.zone()).toInstant(), hours.workingDay());
        set(scope, due);
    }

    void revisionDue(VariableScope scope) {
        set(scope, hours.plus(now(), hours.workingDay().multipliedBy(REVISION_DAYS)));
    }

    private void set(VariableScope scope, Instant due) {
        Instant now = now();
        Duration left = hours.between(now, due);
        Instant reminder;
        if (left.compareTo(hours.workingDay()) > 0) {
            reminder = hours.plus(now, left.minus(hours.workingDay()));
        } else if (!left.isNegative() && !left.isZero()) {
            reminder = hours.plus(now, left.dividedBy(2));
        } else {
            reminder = now;
        }
        scope.setVariable(DRAFT_DUE_AT, Date.from(due));
        scope.setVariable(DRAFT_REMINDER_AT, Date.from(reminder));
    }

    private static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }
}
