package dev.handoff.account;

import java.time.OffsetDateTime;
import java.util.List;

/** A company sales already works, with the email domains its people write from and the rep who owns it. */
public record Account(long id, String name, List<String> domains, String owner, String team, String tier,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, String updatedBy) {
}
