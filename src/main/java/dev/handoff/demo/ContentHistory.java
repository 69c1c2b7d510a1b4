package dev.handoff.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.handoff.content.ContentTypes;
import dev.handoff.sla.DeadlineFormat;

/**
 * A plausible past of the content loop: requests from sales, triage by content marketing (accept, decline or
 * answer with a hub asset), drafts with revision rounds, published assets and their ratings, and alignment
 * items for requests that needed too many rounds. Written one request at a time because assets and events
 * refer to the request's generated id.
 */
public final class ContentHistory {

    private static final String[] TYPES = { "deck", "case_study", "battlecard", "one_pager", "email_template" };
    /** The keys of agreement 1's personas (agreement/Catalogue): requests and assets name their persona by key. */
    private static final String[] PERSONAS = { "finance-leader", "sales-leader", "it-leader", "founder-ceo" };
    private static final List<String> REQUESTERS = List.of("sam", "sophie", "steve", "alex", "ava", "sally");

    /** A request still in triage, production or review at the end: content-request.bpmn waits for people there. */
    record OpenRequest(long id, String activityId, Instant since, Instant draftDue, Map<String, Object> variables) {
    }

    private final JdbcTemplate jdbc;
    private final List<OpenRequest> open = new ArrayList<>();

    public ContentHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The requests {@link #generate} left open, in the order they were made. */
    List<OpenRequest> open() {
        return open;
    }

    /** Writes {@code count} requests made between {@code start} and {@code end}; returns how many. */
    public int generate(Instant start, Instant end, int count, long seed) {
        Random random = new Random(seed);
        Rows events = new Rows(jdbc, "content_event", "request_id, at, actor, kind, detail");
        Rows ratings = new Rows(jdbc, "content_rating", "asset_id, rater, usefulness, deals_used_in, comment, rated_at");
        List<Long> assets = new ArrayList<>();
        long span = Duration.between(start, end).toSeconds();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            times.add(start.plusSeconds((long) (random.nextDouble() * span)));
        }
        times.sort(null);
        for (Instant created : times) {
            String type = TYPES[random.nextInt(TYPES.length)];
            String persona = PERSONAS[random.nextInt(PERSONAS.length)];
            String requester = REQUESTERS.get(random.nextInt(REQUESTERS.size()));
            Instant triaged = created.plus(Duration.ofMinutes(30 + random.nextInt(36 * 60)));
            int decision = random.nextInt(100);
            boolean reuse = decision < 22 && !assets.isEmpty();
            boolean decline = !reuse && decision < 32;
            int revisions = random.nextInt(100) < 55 ? 0 : 1 + random.nextInt(random.nextInt(100) < 85 ? 2 : 4);
            Instant closed = reuse || decline ? triaged
                    : triaged.plus(Duration.ofDays(3 + random.nextInt(8) + revisions * (1 + random.nextInt(3))));
            boolean done = !closed.isAfter(end);
            boolean triageDone = !triaged.isAfter(end);
            String status = !triageDone ? "triage" : reuse ? "reused" : decline ? "declined"
                    : done ? "published" : revisions > 0 ? "in_review" : "in_production";
            Long reused = reuse ? assets.get(random.nextInt(assets.size())) : null;
            long id = insertRequest(type, persona, requester, status, reused, done || !triageDone ? revisions : 0,
                    created, done ? closed : null);
            events.add(id, HistoryGenerator.ts(created), requester, "requested", type + " for " + persona);
            if (events.written() >= 2_000) {
                events.flush();
                ratings.flush();
            }
            if (!done && !reuse && !decline) {
                String activity = !triageDone ? "Task_TriageRequest" : revisions > 0 ? "Task_ReviewDraft"
                        : "Task_CreateDraft";
                Map<String, Object> variables = new HashMap<>(Map.of("requestId", id,
                        "requester", requester, "type", type, "title", title(type, persona), "persona", persona,
                        "need", need(type, persona), "neededBy", neededBy(created).toString(),
                        "revisionCount", revisions));
                // What the request forms show people, as RecordContentRequest sets it for live requests.
                variables.put("typeLabel", ContentTypes.label(type));
                variables.put("neededByText", new DeadlineFormat(java.time.ZoneOffset.UTC).day(neededBy(created)));
                open.add(new OpenRequest(id, activity, triageDone ? triaged : created, closed, variables));
            }
            if (!triageDone) {
                continue;
            }
            events.add(id, HistoryGenerator.ts(triaged), "cora", reuse ? "reuse" : decline ? "declined" : "accepted",
                    reuse ? "Answered with hub asset #" + reused : decline ? "Covered elsewhere" : "Draft agreed");
            if (!done || reuse || decline) {
                continue;
            }
            for (int r = 1; r <= revisions; r++) {
                events.add(id, HistoryGenerator.ts(triaged.plus(Duration.ofDays(r))), requester, "changes_requested",
                        "Round " + r);
            }
            if (revisions > 2) {
                jdbc.update("insert into content_alignment_item (request_id, raised_at, revision_count, reason)"
                        + " values (?, ?, ?, ?)", id, HistoryGenerator.ts(closed), revisions,
                        revisions + " revision rounds: the brief did not match the need");
            }
            long asset = insertAsset(id, type, persona, requester, revisions, created, closed);
            assets.add(asset);
            events.add(id, HistoryGenerator.ts(closed), null, "published", "Published as hub asset #" + asset);
            for (int r = random.nextInt(4); r > 0; r--) {
                Instant rated = closed.plus(Duration.ofDays(1 + random.nextInt(20)));
                if (!rated.isAfter(end)) {
                    int usefulness = Math.min(5, 2 + random.nextInt(4) + (revisions == 0 ? 1 : 0));
                    ratings.add(asset, REQUESTERS.get(random.nextInt(REQUESTERS.size())), usefulness,
                            random.nextInt(4), null, HistoryGenerator.ts(rated));
                }
            }
        }
        events.flush();
        ratings.flush();
        return count;
    }

    private long insertRequest(String type, String persona, String requester, String status, Long reused,
            int revisions, Instant created, Instant closed) {
        String instance = "demo-" + java.util.UUID.randomUUID();
        jdbc.update("""
                insert into content_request (process_instance_id, type, title, need, persona, needed_by, requester,
                    status, reused_asset_id, revision_count, created_at, closed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", instance, type, title(type, persona),
                need(type, persona), persona, neededBy(created), requester, status, reused,
                revisions, HistoryGenerator.ts(created), HistoryGenerator.ts(closed));
        return jdbc.queryForObject("select id from content_request where process_instance_id = ?", Long.class,
                instance);
    }

    private long insertAsset(long requestId, String type, String persona, String requester, int revisions,
            Instant created, Instant published) {
        String title = title(type, persona);
        jdbc.update("""
                insert into content_asset (request_id, type, title, need, persona, tags, link, requester, author,
                    version_count, revision_count, requested_at, published_at, search_text)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'cora', ?, ?, ?, ?, ?)""", requestId, type, title,
                "For " + persona + " conversations", persona, type, "https://content.example.com/" + requestId,
                requester, revisions + 1, revisions, HistoryGenerator.ts(created), HistoryGenerator.ts(published),
                (title + " " + type).toLowerCase(java.util.Locale.ROOT));
        return jdbc.queryForObject("select id from content_asset where request_id = ?", Long.class, requestId);
    }

    private static String need(String type, String persona) {
        return "Sales need a " + type.replace('_', ' ') + " for " + persona + " conversations";
    }

    private static java.time.LocalDate neededBy(Instant created) {
        return created.atOffset(java.time.ZoneOffset.UTC).toLocalDate().plusDays(14);
    }

    private static String title(String type, String persona) {
        return type.replace('_', ' ') + " for " + persona;
    }
}
