package dev.handoff.routing;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.handoff.support.IntegrationTest;
import dev.handoff.support.QueryPlans;
import dev.handoff.support.TestDatabase;

/**
 * Routing counts each rep's open leads on every lead it routes; the database's own plan shows the count seeks an
 * index with the rep and the open stages, so its cost follows the rep's open leads, which capacity bounds, and not
 * the number of leads or of leads the rep ever closed.
 */
@IntegrationTest
class OpenLeadCountIT {

    @Autowired
    DataSource dataSource;

    @Test
    void eachRepsOpenLeadsAreCountedFromTheirIndexEntriesAlone() {
        String routing = RepRepository.SELECT + " where r.user_id in ('sam', 'sarah') order by r.user_id";
        String plan = QueryPlans.of(dataSource, routing);
        if (TestDatabase.name().equals("postgres")) {
            // Either owner index will do (the planner picks by table statistics): what matters is that it seeks
            // with both the owner and the open stages, and that no scan of the lead table is planned.
            String count = plan.substring(plan.indexOf("SubPlan"));
            assertThat(count).as(plan).containsPattern("Index (Only )?Scan using lead_(open_)?owner_idx on lead")
                    // The casts it prints vary with the index it picked: "(owner)::text = ..." or "owner = ...".
                    .containsPattern("\\(?owner\\)?(::text)? = \\(r\\.user_id\\)::text")
                    .containsPattern("\\(?stage\\)?(::text)? = ANY \\('\\{MQL,SAL,SQL\\}'")
                    .doesNotContain("Seq Scan on lead");
        } else {
            // H2 names the conditions it seeks an index with in a comment after the index's name; it seeks an IN
            // list only on an index's first column, hence lead_open_owner_idx (stage, owner, erased_at).
            assertThat(plan).as(plan).contains("LEAD_OPEN_OWNER_IDX");
            String seek = plan.substring(plan.indexOf("LEAD_OPEN_OWNER_IDX"));
            seek = seek.substring(0, seek.indexOf("*/"));
            assertThat(seek).as(plan).contains("STAGE IN('MQL', 'SAL', 'SQL')", "OWNER = R.USER_ID",
                    "ERASED_AT IS NULL");
        }
    }
}
