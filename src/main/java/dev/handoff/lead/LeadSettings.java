package dev.handoff.lead;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param engagementHalfLife after this long an engagement counts half as much
 * @param nurtureTimeout     a lead in nurture that has not become an MQL after this long is recycled as stale
 * @param lostCoolOff        a lost deal goes back to nurture after this long
 */
@ConfigurationProperties("handoff.leads")
public record LeadSettings(
        @DefaultValue("P30D") Duration engagementHalfLife,
        @DefaultValue("P90D") Duration nurtureTimeout,
        @DefaultValue("P90D") Duration lostCoolOff) {
}
