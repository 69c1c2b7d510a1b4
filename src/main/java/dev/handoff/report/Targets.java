package dev.handoff.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The figures both teams agreed to hold each other to, e.g. {@code handoff.targets.sla-compliance=0.9}.
 *
 * @param slaCompliance         share of SDR clocks answered (accepted or rejected) before their deadline
 * @param acceptance            share of SDR decisions that accept the lead
 * @param salToSql              share of accepted leads that sales qualify after working them
 * @param definitionalShareMax  share of rejections for "below definition" above which they dominate
 */
@ConfigurationProperties("handoff.targets")
public record Targets(
        @DefaultValue("0.9") double slaCompliance,
        @DefaultValue("0.9") double acceptance,
        @DefaultValue("0.25") double salToSql,
        @DefaultValue("0.5") double definitionalShareMax) {
}
