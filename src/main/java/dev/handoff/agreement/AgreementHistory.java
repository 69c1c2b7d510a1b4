package dev.handoff.agreement;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Which agreement was in force when: what reports need of the agreement capability. */
public interface AgreementHistory {

    /** The agreements in force during [start, end), oldest first; the first one also covers the time before it. */
    List<Agreements.Period> during(Instant start, Instant end);

    /** The agreement in force at the instant (the first agreement for any time before it). */
    Agreement at(Instant instant);

    /** One agreement with these targets for all time, for a report run without the engine (a benchmark). */
    static AgreementHistory only(Agreement.Targets targets) {
        OffsetDateTime start = Instant.EPOCH.atOffset(ZoneOffset.UTC);
        Agreement agreement = new Agreement(1, Agreement.Status.IN_FORCE, null, start, null,
                new Agreement.Decisions(1, 1, 1, 1), targets, new Agreement.Objectives(null, null, null, null),
                Catalogue.defaults(), null, null, null, start, null, null, null);
        return new AgreementHistory() {
            @Override
            public List<Agreements.Period> during(Instant from, Instant to) {
                return List.of(new Agreements.Period(agreement, null, null));
            }

            @Override
            public Agreement at(Instant instant) {
                return agreement;
            }
        };
    }
}
