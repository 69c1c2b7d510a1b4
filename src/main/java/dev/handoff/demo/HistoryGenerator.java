package dev.handoff.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.handoff.sla.BusinessHours;

/**
 * Writes a plausible history of leads straight into Handoff's tables, as the lead and sales processes would
 * have recorded it: milestones, SDR and AE clocks with business time, breaches, escalations, rejections with
 * review and arbitration, contact attempts. Nothing happens after {@code end}, so leads late in the period are
 * still open, like on a real Monday morning. The MQL definition changes half-way (version 1 → 2), and
 * version 2 is rejected less often: the story a quarter review should find. Used by the demo quarter and the
 * report benchmark; deterministic for a seed.
 */
public final class HistoryGenerator {

    public record Summary(long leads, long clocks, long breaches, long rejections, long escalations,
            long contactAttempts) {
    }

    static final List<String> SDRS = List.of("sam", "sophie", "steve");
    static final List<String> AES = List.of("alex", "ava");
    static final String SDR_TEAM = "sdr";
    static final String AE_TEAM = "ae";
    private static final String[] SOURCES = { "INBOUND", "INBOUND", "INBOUND", "INBOUND", "EVENT", "EVENT", "PARTNER",
            "REFERRAL", "OUTBOUND", "OUTBOUND" };
    private static final String[][] CAMPAIGNS = { { "pricing-webinar", "cfo-ebook", "seo-blog", "paid-search" },
            { "saas-summit", "roadshow-berlin" }, { "partner-referral" }, { "customer-referral" }, { null } };
    private static final Duration ACCEPT_SLA = Duration.ofHours(4);
    private static final Duration MEETING_SLA = Duration.ofHours(18);

    private final BusinessHours hours;
    private final Rows leads;
    private final Rows clocks;
    private final Rows breaches;
    private final Rows rejections;
    private final Rows escalations;
    private final Rows contacts;

    public HistoryGenerator(JdbcTemplate jdbc, BusinessHours hours) {
        this.hours = hours;
        this.leads = new Rows(jdbc, "lead", "id, email, first_name, last_name, company, country, source, campaign,"
                + " stage, stage_reason, mql_definition_version, owner, team, amount, created_by, created_at,"
                + " updated_at, stage_changed_at, mql_at, sal_at, sql_at, opportunity_at, closed_at,"
                + " first_contact_at, contact_attempts, breach_count");
        this.clocks = new Rows(jdbc, "lead_assignment",
                "lead_id, role, rep, team, assigned_at, sla_due_at, ended_at, outcome, business_seconds");
        this.breaches = new Rows(jdbc, "sla_breach", "lead_id, kind, rep, team, due_at, breached_at, late_seconds");
        this.rejections = new Rows(jdbc, "lead_rejection", "lead_id, rep, reason, note, rejected_at, review_outcome,"
                + " reviewed_by, arbitration_outcome, arbitrated_by, arbitrated_at, campaign");
        this.escalations = new Rows(jdbc, "lead_escalation",
                "lead_id, kind, raised_at, resolved_at, resolution, resolved_by");
        this.contacts = new Rows(jdbc, "contact_attempt", "lead_id, rep, channel, outcome, attempted_at");
    }

    /** Writes {@code count} leads created between {@code start} and {@code end}. */
    public Summary generate(Instant start, Instant end, int count, long seed) {
        Random random = new Random(seed);
        Instant definitionChange = start.plus(Duration.between(start, end).dividedBy(2));
        long span = Duration.between(start, end).toSeconds();
        for (int i = 0; i < count; i++) {
            Instant created = hours.plus(start.plusSeconds((long) (random.nextDouble() * span)), Duration.ZERO);
            if (created.isAfter(end)) {
                created = end.minusSeconds(60);
            }
            new LeadStory(random, created, end, definitionChange).write();
            if (i % 2_000 == 1_999) {
                flush();
            }
        }
        flush();
        return new Summary(leads.written(), clocks.written(), breaches.written(), rejections.written(),
                escalations.written(), contacts.written());
    }

    private void flush() {
        for (Rows rows : List.of(leads, clocks, breaches, rejections, escalations, contacts)) {
            rows.flush();
        }
    }

    /** One lead from capture to wherever it stands at {@code end}. */
    private final class LeadStory {
        private final Random random;
        private final Instant created;
        private final Instant end;
        private final Instant definitionChange;
        private final String id = UUID.randomUUID().toString();
        private String campaign;
        private String stage = "LEAD";
        private String reason;
        private Integer version;
        private String owner;
        private String team;
        private BigDecimal amount;
        private Instant changed;
        private Instant mql, sal, sql, opportunity, closed, firstContact;
        private int attempts;
        private int breachCount;

        LeadStory(Random random, Instant created, Instant end, Instant definitionChange) {
            this.random = random;
            this.created = created;
            this.end = end;
            this.definitionChange = definitionChange;
            this.changed = created;
        }

        void write() {
            String source = SOURCES[random.nextInt(SOURCES.length)];
            String[] campaigns = CAMPAIGNS[switch (source) {
                case "INBOUND" -> 0;
                case "EVENT" -> 1;
                case "PARTNER" -> 2;
                case "REFERRAL" -> 3;
                default -> 4;
            }];
            campaign = campaigns[random.nextInt(campaigns.length)];
            String createdBy;
            if (source.equals("OUTBOUND")) {
                createdBy = pick(SDRS);
                salesSourced(createdBy);
            } else {
                createdBy = random.nextInt(4) == 0 ? "dean" : "intake";
                marketingSourced();
            }
            leads.add(id, "lead-" + id.substring(0, 13) + "@example.com", "Demo", "Lead " + id.substring(0, 4),
                    "Company " + (1 + random.nextInt(900)), random.nextBoolean() ? "DE" : "US", source, campaign,
                    stage, reason, version, owner, team, amount, createdBy, ts(created), ts(changed), ts(changed),
                    ts(mql), ts(sal), ts(sql), ts(opportunity), ts(closed), ts(firstContact), attempts, breachCount);
        }

        private void salesSourced(String rep) {
            Instant at = hours.plus(created, Duration.ofMinutes(5));
            if (!happened(at)) {
                return;
            }
            mql = at;
            version = at.isBefore(definitionChange) ? 1 : 2;
            accepted(rep, at);
        }

        private void marketingSourced() {
            Instant qualified = hours.plus(created, Duration.ofMinutes(30 + random.nextInt(16 * 60)));
            if (random.nextInt(100) < 42 || !happened(qualified)) {
                if (random.nextInt(100) < 20 && happened(qualified)) {
                    move("DISQUALIFIED", qualified, "fit grade D");
                } else if (happened(qualified)) {
                    move("NURTURE", qualified, "below the MQL threshold");
                }
                return;
            }
            mql = qualified;
            version = qualified.isBefore(definitionChange) ? 1 : 2;
            move("MQL", qualified, null);
            Instant assigned = qualified.plusSeconds(60);
            if (random.nextInt(100) < 5) {
                Instant picked = hours.plus(assigned, Duration.ofMinutes(20 + random.nextInt(120)));
                if (!clock("SDR", null, SDR_TEAM, assigned, ACCEPT_SLA, picked, "REASSIGNED")) {
                    return;
                }
                assigned = picked;
            }
            sdrClock(pick(SDRS), assigned, true);
        }

        /** An SDR's acceptance clock; {@code mayBreach} false for the clock after an escalation. */
        private void sdrClock(String rep, Instant assigned, boolean mayBreach) {
            Instant due = hours.plus(assigned, ACCEPT_SLA);
            int behaviour = random.nextInt(1000);
            if (mayBreach && behaviour < 55) {
                if (!clock("SDR", rep, SDR_TEAM, assigned, ACCEPT_SLA, due, "BREACHED")) {
                    return;
                }
                breachCount++;
                long late = 600 + random.nextInt(3 * 3600);
                breaches.add(id, "ACCEPT", rep, SDR_TEAM, ts(due), ts(due), late);
                Instant resolved = hours.plus(due, Duration.ofSeconds(late));
                boolean done = happened(resolved);
                escalations.add(id, "ACCEPT", ts(due), done ? ts(resolved) : null, done ? "REASSIGNED" : null,
                        done ? (random.nextBoolean() ? "sally" : "admin") : null);
                if (done) {
                    sdrClock(other(SDRS, rep), resolved, false);
                }
                return;
            }
            boolean late = behaviour < 85;
            Duration delay = late ? ACCEPT_SLA.plusMinutes(10 + random.nextInt(300))
                    : Duration.ofSeconds((long) Math.min(ACCEPT_SLA.toSeconds() - 60,
                            -Math.log(1 - random.nextDouble()) * 2400));
            Instant answered = hours.plus(assigned, delay);
            int rejectPercent = version != null && version == 1 ? 17 : 7;
            boolean reject = random.nextInt(100) < rejectPercent;
            if (!clock("SDR", rep, SDR_TEAM, assigned, ACCEPT_SLA, answered, reject ? "REJECTED" : "ACCEPTED")) {
                return;
            }
            if (reject) {
                rejected(rep, answered);
            } else {
                accepted(rep, answered);
            }
        }

        private void rejected(String rep, Instant at) {
            int r = random.nextInt(100);
            int belowShare = version != null && version == 1 ? 65 : 35;
            String why = r < belowShare ? "below_definition" : r < belowShare + 22 ? "misrouted" : "bad_data";
            String review = null, reviewer = null, arbitration = null, arbiter = null;
            Instant arbitrated = null;
            Instant reviewed = hours.plus(at, Duration.ofHours(2 + random.nextInt(10)));
            if (why.equals("below_definition") && happened(reviewed)) {
                reviewer = "mona";
                review = random.nextInt(100) < 45 ? "DISPUTED" : "ACCEPTED";
                if (review.equals("DISPUTED")) {
                    Instant decided = hours.plus(reviewed, Duration.ofHours(4 + random.nextInt(14)));
                    if (happened(decided)) {
                        arbitrated = decided;
                        arbiter = random.nextBoolean() ? "sally" : "mark";
                        arbitration = random.nextInt(100) < 60 ? "UPHELD" : "OVERTURNED";
                    }
                }
            }
            rejections.add(id, rep, why, "Demo rejection", ts(at), review, reviewer, arbitration, arbiter,
                    ts(arbitrated), campaign);
            switch (why) {
                case "misrouted" -> sdrClock(other(SDRS, rep), at.plusSeconds(60), false);
                case "bad_data" -> move("DISQUALIFIED", at, "rejected: bad data");
                default -> {
                    if ("OVERTURNED".equals(arbitration)) {
                        accepted(rep, arbitrated);
                    } else {
                        move("RECYCLED", arbitrated != null ? arbitrated : at, "rejected: below definition");
                    }
                }
            }
        }

        private void accepted(String rep, Instant at) {
            sal = at;
            owner = rep;
            team = SDR_TEAM;
            move("SAL", at, null);
            Instant attempt = hours.plus(at, Duration.ofMinutes(5 + random.nextInt(6 * 60)));
            int planned = 1 + random.nextInt(4);
            boolean qualifies = random.nextInt(100) < 33;
            for (int i = 0; i < planned && happened(attempt); i++) {
                boolean last = i == planned - 1;
                String outcome = !last ? (random.nextBoolean() ? "no_answer" : "left_message")
                        : qualifies ? "meeting_booked" : random.nextInt(3) == 0 ? "disqualified" : "connected";
                contacts.add(id, rep, random.nextInt(3) == 0 ? "email" : "phone", outcome, ts(attempt));
                attempts++;
                if (firstContact == null) {
                    firstContact = attempt;
                }
                if (last) {
                    afterContact(rep, attempt, qualifies, outcome);
                    return;
                }
                Instant next = hours.plus(attempt, Duration.ofHours(4 + random.nextInt(12)));
                if (random.nextInt(100) < 4) {
                    Instant due = hours.plus(attempt, Duration.ofHours(9));
                    if (happened(due)) {
                        breachCount++;
                        breaches.add(id, "CONTACT_CADENCE", rep, SDR_TEAM, ts(due), ts(due), 3600L);
                        next = hours.plus(due, Duration.ofHours(1));
                    }
                }
                attempt = next;
            }
        }

        private void afterContact(String rep, Instant at, boolean qualifies, String outcome) {
            if (!qualifies) {
                if (outcome.equals("disqualified")) {
                    move("DISQUALIFIED", at, "disqualified on contact");
                } else if (random.nextBoolean()) {
                    move("RECYCLED", hours.plus(at, Duration.ofHours(9 * 3)), "no project this quarter");
                }
                return;
            }
            sql = at;
            move("SQL", at, null);
            String ae = pick(AES);
            boolean breach = random.nextInt(100) < 8;
            Instant met = hours.plus(at, breach ? MEETING_SLA.plusHours(2 + random.nextInt(12))
                    : Duration.ofHours(1 + random.nextInt(16)));
            if (!clock("AE", ae, AE_TEAM, at, MEETING_SLA, met, breach ? "BREACHED" : "MET")) {
                owner = ae;
                team = AE_TEAM;
                return;
            }
            owner = ae;
            team = AE_TEAM;
            if (breach) {
                breachCount++;
                Instant due = hours.plus(at, MEETING_SLA);
                breaches.add(id, "MEETING", ae, AE_TEAM, ts(due), ts(due), hours.between(due, met).toSeconds());
            }
            if (random.nextInt(100) >= 65) {
                return;
            }
            Instant opened = met.plus(Duration.ofDays(2 + random.nextInt(9)));
            if (!happened(opened)) {
                return;
            }
            opportunity = opened;
            move("OPPORTUNITY", opened, null);
            Instant decided = opened.plus(Duration.ofDays(10 + random.nextInt(31)));
            int r = random.nextInt(100);
            if (!happened(decided) || r >= 70) {
                return;
            }
            closed = decided;
            if (r < 30) {
                amount = BigDecimal.valueOf(5_000 + random.nextInt(86) * 1_000L).setScale(2);
                move("WON", decided, null);
            } else {
                move("LOST", decided, random.nextBoolean() ? "price" : "competitor");
            }
        }

        /** Writes one clock; false when it is still running at {@code end}, so the story stops there. */
        private boolean clock(String role, String rep, String clockTeam, Instant assigned, Duration sla, Instant ended,
                String outcome) {
            Instant due = hours.plus(assigned, sla);
            boolean done = happened(ended);
            clocks.add(id, role, rep, clockTeam, ts(assigned), ts(due), done ? ts(ended) : null, done ? outcome : null,
                    done ? hours.between(assigned, ended).toSeconds() : null);
            if (!done && rep != null) {
                owner = rep;
                team = clockTeam;
            }
            return done;
        }

        private void move(String newStage, Instant at, String why) {
            stage = newStage;
            reason = why;
            changed = at;
        }

        private boolean happened(Instant at) {
            return at != null && !at.isAfter(end);
        }

        private String pick(List<String> values) {
            return values.get(random.nextInt(values.size()));
        }

        private String other(List<String> values, String not) {
            String value = pick(values);
            return value.equals(not) ? values.get((values.indexOf(value) + 1) % values.size()) : value;
        }
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
