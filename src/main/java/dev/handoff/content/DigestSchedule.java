package dev.handoff.content;

import java.time.LocalDate;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.handoff.sla.BusinessTime;

/**
 * When processes/monthly-digest.bpmn sends: its timer fires on each of the first days of the month
 * ({@code handoff.content.digest-cron}) and goes on only on the month's first working day of the business calendar
 * (handoff.business-hours: days and holidays).
 */
@Component("digestSchedule")
public class DigestSchedule {

    private final BusinessTime businessTime;
    private final String cron;

    DigestSchedule(BusinessTime businessTime, @Value("${handoff.content.digest-cron:0 0 8 1-7 * ?}") String cron) {
        this.businessTime = businessTime;
        this.cron = cron;
    }

    /** The timer's Camunda cron, read by the start event. */
    public String getCron() {
        return cron;
    }

    /** Whether today (engine clock, business zone) is the first working day of its month. */
    public boolean isFirstWorkingDay() {
        return isFirstWorkingDay(EngineClock.today(businessTime.hours().zone()));
    }

    boolean isFirstWorkingDay(LocalDate day) {
        if (!businessTime.hours().isWorkingDay(day)) {
            return false;
        }
        for (LocalDate d = day.withDayOfMonth(1); d.isBefore(day); d = d.plusDays(1)) {
            if (businessTime.hours().isWorkingDay(d)) {
                return false;
            }
        }
        return true;
    }
}
