package dev.handoff.demo;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.handoff.lead.Engagement;
import dev.handoff.lead.EngagementType;
import dev.handoff.lead.LeadRequest;
import dev.handoff.lead.LeadSource;
import dev.handoff.lead.Leads;
import dev.handoff.platform.EngineClock;

/**
 * Live work next to the seeded history, so Tasklist and Cockpit are not empty on first start: a few leads
 * captured through the lead capability as the intake account would, and this week's alignment review.
 */
@Component
class DemoProcesses {

    static final int LIVE_LEADS = 24;
    private static final Logger log = LoggerFactory.getLogger(DemoProcesses.class);
    private static final List<String> TITLES = List.of("CFO", "Head of Finance", "VP Sales", "Controller", "Intern");

    private final Leads leads;
    private final RuntimeService runtime;

    DemoProcesses(Leads leads, RuntimeService runtime) {
        this.leads = leads;
        this.runtime = runtime;
    }

    void start() {
        Random random = new Random(7);
        int captured = 0;
        for (int i = 0; i < LIVE_LEADS; i++) {
            try {
                // A third lacks a phone (enrichment for marketing ops); the others engaged and mostly reach
                // sales, so SDRs find leads to accept on first start.
                boolean complete = i % 3 != 0;
                List<Engagement> engaged = complete ? List.of(new Engagement(
                        random.nextBoolean() ? EngagementType.DEMO_REQUEST : EngagementType.PRICING_PAGE,
                        EngineClock.now().minusHours(1 + random.nextInt(48)))) : List.of();
                leads.capture(new LeadRequest("demo-live-" + i, "Live", "Lead " + i, "live-lead-" + i + "@example.com",
                        complete ? "+49 30 555 " + i : null, TITLES.get(random.nextInt(TITLES.size())),
                        "Live Company " + i, 50 + random.nextInt(2000), "Software", random.nextBoolean() ? "DE" : "US",
                        random.nextInt(4) == 0 ? LeadSource.EVENT : LeadSource.INBOUND, "live-demo", engaged),
                        "intake");
                captured++;
            } catch (RuntimeException e) {
                // The demo must not stop Handoff from starting because the lead model changed under it.
                log.warn("Demo lead {} not captured: {}", i, e.toString());
            }
        }
        runtime.startProcessInstanceByKey("alignment-review", Map.of("cadence", "weekly"));
        log.info("Demo processes started: {} live leads and this week's alignment review", captured);
    }
}
