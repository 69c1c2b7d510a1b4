package dev.handoff.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.handoff.agreement.Catalogue;
import dev.handoff.sla.BusinessHours;
import dev.handoff.sla.DeadlineFormat;

/**
 * Writes a plausible history of leads straight into Handoff's tables, each lead taking a path that
 * lead-lifecycle.bpmn allows: nurture until engaged, routing, the SAL step with its SLA ladder (a first breach
 * re-routes, a second escalates to a manager), rejections with review and arbitration, the contact cadence,
 * the AE's meeting SLA, the deal and the cool-off of lost deals. Nothing happens after {@code end}, so leads
 * late in the period still wait somewhere, like on a real Monday morning; with {@link #recordingTrails} each
 * lead's path is also handed over as a {@link Trail}, so the demo can give the engine the same past. The MQL
 * definition changes half-way (version 1 → 2), and version 2 is rejected less often: the story a quarter review
 * should find. Used by the demo quarter and the report benchmark; deterministic for a seed.
 */
public final class HistoryGenerator {

    public record Summary(long leads, long clocks, long breaches, long rejections, long escalations,
            long contactAttempts) {
    }

    static final List<String> SDRS = List.of("sam", "sophie", "steve");
    static final List<String> AES = List.of("alex", "ava");
    static final List<String> REPS = java.util.stream.Stream.concat(SDRS.stream(), AES.stream()).toList();
    static final List<String> MANAGERS = List.of("sally", "admin");
    static final String SDR_TEAM = "sdr";
    static final String AE_TEAM = "ae";
    private static final String[] SOURCES = { "INBOUND", "INBOUND", "INBOUND", "INBOUND", "EVENT", "EVENT", "PARTNER",
            "REFERRAL", "OUTBOUND", "OUTBOUND" };
    private static final String[][] CAMPAIGNS = { { "pricing-webinar", "cfo-ebook", "seo-blog", "paid-search" },
            { "saas-summit", "roadshow-berlin" }, { "partner-referral" }, { "customer-referral" }, { null } };
    private static final String[] TITLES = { "CFO", "Head of Finance", "VP Sales", "Controller", "CEO", "IT lead" };
    /** Agreement 1's personas, which the demo's job titles match as scoring would match them. */
    private static final Catalogue PERSONAS = Catalogue.defaults();
    private static final String[] INDUSTRIES = { "Software", "Manufacturing", "Retail", "Finance", "Healthcare" };
    private static final String[] GRADES = { "A", "A", "B", "B", "B", "C", "C", "C", "D", "D" };
    // What sla-policy.dmn and application.yaml say, in business time for the SLAs.
    private static final Duration MEETING_SLA = Duration.ofHours(18);
    private static final int CONTACT_ATTEMPTS = 6;
    private static final int CONTACT_WINDOW_DAYS = 10;
    private static final Duration NURTURE = Duration.ofDays(90);
    private static final Duration COOL_OFF = Duration.ofDays(90);
    private static final Duration ONE_DAY_OF_WORK = Duration.ofHours(9);
    /** What a lead back in nurture no longer needs: routing sets them anew when it becomes an MQL again. */
    private static final Set<String> SALES_VARIABLES = Set.of("owner", "aeOwner", "excludedReps", "excludedAes",
            "breachCount", "meetingBreachCount", "team", "segment", "acceptWithinHours", "slaDueAt", "slaStartedAt",
            "contactAttemptTarget", "contactWindowDays", "contactWindowEndsAt", "contactReminderAt", "contactAttempts",
            "lastContactOutcome", "meetingWithinDays", "meetingDueAt", "meetingStartedAt", "opportunityAmount",
            "slaDueText", "contactWindowEndsText", "meetingDueText");

    private final BusinessHours hours;
    private final DeadlineFormat deadlines;
    private final Rows leads;
    private final Rows clocks;
    private final Rows breaches;
    private final Rows rejections;
    private final Rows escalations;
    private final Rows contacts;
    private Consumer<Trail> trails;

    public HistoryGenerator(JdbcTemplate jdbc, BusinessHours hours) {
        this.hours = hours;
        this.deadlines = new DeadlineFormat(hours.zone());
        this.leads = new Rows(jdbc, "lead", "id, email, open_email, first_name, last_name, phone, job_title, company,"
                + " company_size, industry, country, source, campaign, stage, stage_reason, fit_points, fit_grade,"
                + " engagement_score, mql_definition_version, owner, team, sla_due_at, amount, created_by, created_at,"
                + " updated_at, stage_changed_at, mql_at, sal_at, sql_at, opportunity_at, closed_at, first_contact_at,"
                + " contact_attempts, breach_count, persona_key");
        this.clocks = new Rows(jdbc, "lead_assignment",
                "lead_id, role, rep, team, assigned_at, sla_due_at, ended_at, outcome, business_seconds");
        this.breaches = new Rows(jdbc, "sla_breach", "lead_id, kind, rep, team, due_at, breached_at, late_seconds");
        this.rejections = new Rows(jdbc, "lead_rejection", "lead_id, rep, reason, note, rejected_at, review_outcome,"
                + " reviewed_by, arbitration_outcome, arbitrated_by, arbitrated_at, campaign");
        this.escalations = new Rows(jdbc, "lead_escalation",
                "lead_id, kind, raised_at, resolved_at, resolution, resolved_by");
        this.contacts = new Rows(jdbc, "contact_attempt", "lead_id, rep, channel, outcome, attempted_at");
    }

    /** Hands each lead's path to {@code consumer} as it is written. */
    public HistoryGenerator recordingTrails(Consumer<Trail> consumer) {
        this.trails = consumer;
        return this;
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
        private final String grade;
        private final Duration acceptSla;
        private String campaign;
        private final List<Trail.Step> steps = new ArrayList<>();
        private final Map<String, Object> variables = new HashMap<>();
        private final Set<String> excludedReps = new LinkedHashSet<>();
        private final Set<String> excludedAes = new LinkedHashSet<>();
        private Trail.Step waiting;
        private String stage = "LEAD";
        private String reason;
        private Integer version;
        private String owner;
        private String team;
        private Instant slaDue;
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
            this.grade = GRADES[random.nextInt(GRADES.length)];
            this.acceptSla = Duration.ofHours(switch (grade) {
                case "A" -> 1;
                case "B" -> 4;
                default -> 8;
            });
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
            String createdBy = source.equals("OUTBOUND") ? pick(SDRS) : random.nextInt(4) == 0 ? "dean" : "intake";
            int fitPoints = switch (grade) {
                case "A" -> 80 + random.nextInt(20);
                case "B" -> 60 + random.nextInt(20);
                case "C" -> 40 + random.nextInt(20);
                default -> random.nextInt(40);
            };
            pass("Event_LeadCaptured", created);
            pass("Task_RegisterLead", created);
            pass("Gateway_LeadIsNew", created);
            if (source.equals("OUTBOUND")) {
                salesSourced(createdBy);
            } else {
                marketingSourced();
            }
            String firstName = "Demo";
            String lastName = "Lead " + id.substring(0, 4);
            String company = "Company " + (1 + random.nextInt(900));
            String email = "lead-" + id.substring(0, 13) + "@example.com";
            String phone = "+49 30 " + (1_000_000 + random.nextInt(9_000_000));
            String title = TITLES[random.nextInt(TITLES.length)];
            int size = 20 + random.nextInt(5_000);
            String industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
            String country = random.nextBoolean() ? "DE" : "US";
            BigDecimal engagement = BigDecimal.valueOf(mql != null ? 50 + random.nextInt(60) : random.nextInt(50));
            // Like the lead capability: the address is taken while the lead's process runs.
            leads.add(id, email, waiting == null ? null : email, firstName, lastName, phone, title, company, size,
                    industry, country, source, campaign, stage, reason, fitPoints, grade, engagement, version, owner,
                    team, ts(slaDue), amount, createdBy, ts(created), ts(changed), ts(changed), ts(mql), ts(sal),
                    ts(sql), ts(opportunity), ts(closed), ts(firstContact), attempts, breachCount,
                    PERSONAS.match(title).map(Catalogue.Persona::key).orElse(null));
            if (trails != null) {
                variables.putAll(Map.of("leadId", id, "leadName", firstName + " " + lastName,
                        "email", email, "firstName", firstName, "lastName", lastName, "phone", phone, "jobTitle",
                        title, "company", company, "companySize", size, "industry", industry));
                variables.putAll(Map.of("country", country,
                        "source", source.toLowerCase(java.util.Locale.ROOT), "fitPoints", fitPoints, "fitGrade", grade,
                        "engagementScore", engagement.doubleValue()));
                if (campaign != null) {
                    variables.put("campaign", campaign);
                }
                if (version != null) {
                    variables.put("mqlDefinitionVersion", version);
                }
                trails.accept(new Trail(id, created, List.copyOf(steps), waiting, variables));
            }
        }

        /** Outbound leads are created by the SDR who found them, who accepts them at once. */
        private void salesSourced(String rep) {
            judge(created);
            mql = created;
            version = created.isBefore(definitionChange) ? 1 : 2;
            move("MQL", created, null);
            pass("Task_RouteLead", created);
            pass("Gateway_RepFound", created);
            pass("Gateway_JoinAcceptance", created);
            Instant accepted = created.plusSeconds(60 + random.nextInt(600));
            if (!clock("SDR", rep, SDR_TEAM, created, acceptSla, accepted, "ACCEPTED", "Task_AcceptLead")) {
                return;
            }
            pass("Gateway_SalDecision", accepted);
            accepted(rep, accepted);
        }

        /** Judged at capture, waits in nurture until engaged enough to be an MQL, or for good. */
        private void marketingSourced() {
            judge(created);
            Instant qualified = hours.plus(created, Duration.ofMinutes(30 + random.nextInt(16 * 60)));
            if (grade.equals("D") || random.nextInt(100) < 42 || !happened(qualified)) {
                nurture(created, "NURTURE", "below the MQL threshold");
                return;
            }
            step("Gateway_AwaitEngagement", created, qualified, null, null);
            pass("Event_EngagementRecorded", qualified);
            judge(qualified);
            mql = qualified;
            version = qualified.isBefore(definitionChange) ? 1 : 2;
            move("MQL", qualified, null);
            route(qualified, true);
        }

        private void judge(Instant at) {
            pass("Task_ScoreLead", at);
            pass("Task_ApplyMqlDefinition", at);
            pass("Gateway_LeadIsMql", at);
        }

        /** Round robin; now and then nobody is free and a manager assigns from the team's queue. */
        private void route(Instant at, boolean mayQueue) {
            pass("Task_RouteLead", at);
            pass("Gateway_RepFound", at);
            if (mayQueue && random.nextInt(100) < 5) {
                Instant picked = hours.plus(at, Duration.ofMinutes(20 + random.nextInt(120)));
                owner = null;
                team = SDR_TEAM;
                if (!clock("SDR", null, SDR_TEAM, at, acceptSla, picked, "REASSIGNED", "Task_AssignUnroutedLead")) {
                    return;
                }
                at = picked;
            }
            pass("Gateway_JoinAcceptance", at);
            acceptClock(pickExcept(SDRS, excludedReps), at, breachCount);
        }

        /** The SAL step: accept or reject in time, or the SLA timer fires (second time: a manager steps in). */
        private void acceptClock(String rep, Instant assigned, int breachesSoFar) {
            Instant due = hours.plus(assigned, acceptSla);
            int breachPercent = switch (breachesSoFar) {
                case 0 -> 9;
                case 1 -> 25;
                default -> 0;
            };
            if (random.nextInt(100) < breachPercent) {
                Instant breached = due.plusSeconds(1 + random.nextInt(60));
                if (!clock("SDR", rep, SDR_TEAM, assigned, acceptSla, breached, "BREACHED", "Task_AcceptLead")) {
                    return;
                }
                interrupt();
                pass("Event_AcceptSlaBreached", breached);
                pass("Task_RecordAcceptBreach", breached);
                pass("Gateway_FirstBreach", breached);
                breachCount++;
                breaches.add(id, "ACCEPT", rep, SDR_TEAM, ts(due), ts(breached),
                        hours.between(due, breached).toSeconds());
                excludedReps.add(rep);
                owner = null;
                if (breachesSoFar == 0) {
                    route(breached, false);
                    return;
                }
                pass("Event_LeadEscalated", breached);
                Instant resolved = hours.plus(breached, Duration.ofMinutes(20 + random.nextInt(160)));
                Instant escalationDue = hours.plus(breached, Duration.ofHours(2));
                if (!happened(resolved)) {
                    escalations.add(id, "ACCEPT", ts(breached), null, null, null);
                    waitIn("Task_HandleOverdueLead", breached, null, escalationDue);
                    return;
                }
                String manager = pick(MANAGERS);
                escalations.add(id, "ACCEPT", ts(breached), ts(resolved), "REASSIGNED", manager);
                step("Task_HandleOverdueLead", breached, resolved, manager, escalationDue);
                pass("Gateway_JoinAcceptance", resolved);
                acceptClock(pickExcept(SDRS, excludedReps), resolved, 2);
                return;
            }
            double mean = acceptSla.toSeconds() / 5.0;
            Duration delay = Duration.ofSeconds((long) Math.min(acceptSla.toSeconds() - 60,
                    60 - Math.log(1 - random.nextDouble()) * mean));
            Instant answered = hours.plus(assigned, delay);
            boolean reject = random.nextInt(100) < (version == 1 ? 17 : 7);
            if (!clock("SDR", rep, SDR_TEAM, assigned, acceptSla, answered, reject ? "REJECTED" : "ACCEPTED",
                    "Task_AcceptLead")) {
                return;
            }
            pass("Gateway_SalDecision", answered);
            if (reject) {
                rejected(rep, answered);
            } else {
                accepted(rep, answered);
            }
        }

        private void rejected(String rep, Instant at) {
            pass("Gateway_RejectionReason", at);
            owner = null;
            int r = random.nextInt(100);
            int belowShare = version == 1 ? 65 : 35;
            String why = r < belowShare ? "below_definition" : r < belowShare + 22 ? "misrouted" : "bad_data";
            if (why.equals("misrouted")) {
                rejections.add(id, rep, why, "Demo rejection", ts(at), null, null, null, null, null, campaign);
                excludedReps.add(rep);
                route(at, false);
                return;
            }
            if (why.equals("bad_data")) {
                rejections.add(id, rep, why, "Demo rejection", ts(at), null, null, null, null, null, campaign);
                move("ENRICHMENT", at, "rejected by " + rep + ": bad_data");
                Instant enriched = hours.plus(at, Duration.ofHours(1 + random.nextInt(8)));
                if (!happened(enriched)) {
                    waitIn("Task_CompleteLeadData", at, null, hours.plus(at, ONE_DAY_OF_WORK));
                    return;
                }
                step("Task_CompleteLeadData", at, enriched, "mona", hours.plus(at, ONE_DAY_OF_WORK));
                judge(enriched);
                nurture(enriched, "NURTURE", "enriched, below the MQL threshold");
                return;
            }
            Instant reviewDue = hours.plus(at, ONE_DAY_OF_WORK);
            Instant reviewed = hours.plus(at, Duration.ofHours(2 + random.nextInt(6)));
            if (!happened(reviewed)) {
                rejections.add(id, rep, why, "Demo rejection", ts(at), null, null, null, null, null, campaign);
                waitIn("Task_ReviewRejectedLead", at, null, reviewDue);
                return;
            }
            step("Task_ReviewRejectedLead", at, reviewed, "mona", reviewDue);
            pass("Gateway_ReviewDecision", reviewed);
            if (random.nextInt(100) >= 45) {
                rejections.add(id, rep, why, "Demo rejection", ts(at), "ACCEPTED", "mona", null, null, null,
                        campaign);
                pass("Task_ReturnToNurture", reviewed);
                nurture(reviewed, "NURTURE", "below the MQL definition: marketing accepted the rejection");
                return;
            }
            Instant arbitrationDue = hours.plus(reviewed, ONE_DAY_OF_WORK);
            Instant decided = hours.plus(reviewed, Duration.ofHours(1 + random.nextInt(8)));
            if (!happened(decided)) {
                rejections.add(id, rep, why, "Demo rejection", ts(at), "DISPUTED", "mona", null, null, null,
                        campaign);
                waitIn("Task_ArbitrateRejection", reviewed, null, arbitrationDue);
                return;
            }
            String arbiter = random.nextBoolean() ? "sally" : "mark";
            boolean upheld = random.nextInt(100) < 60;
            rejections.add(id, rep, why, "Demo rejection", ts(at), "DISPUTED", "mona", upheld ? "UPHELD" : "OVERTURNED",
                    arbiter, ts(decided), campaign);
            step("Task_ArbitrateRejection", reviewed, decided, arbiter, arbitrationDue);
            pass("Gateway_ArbitrationDecision", decided);
            if (upheld) {
                pass("Task_ReturnToNurture", decided);
                nurture(decided, "NURTURE", "below the MQL definition: rejection upheld in arbitration");
            } else {
                route(decided, false);
            }
        }

        /** The follow-up cadence: attempts until a meeting, a disqualification, the target or the window's end. */
        private void accepted(String rep, Instant at) {
            sal = at;
            owner = rep;
            team = SDR_TEAM;
            slaDue = null;
            move("SAL", at, null);
            Instant windowEnds = hours.plus(at, ONE_DAY_OF_WORK.multipliedBy(CONTACT_WINDOW_DAYS));
            if (trails != null) {
                variables.put("contactAttempts", 0);
                variables.put("contactWindowEndsAt", date(windowEnds));
                variables.put("contactWindowEndsText", deadlines.moment(windowEnds));
                variables.put("contactReminderAt",
                        date(hours.plus(at, ONE_DAY_OF_WORK.multipliedBy(CONTACT_WINDOW_DAYS).dividedBy(2))));
            }
            int r = random.nextInt(100);
            String ending = r < 33 ? "meeting_booked" : r < 55 ? "disqualified" : "exhausted";
            // A few reps give up early and the window elapses: a cadence breach.
            int planned = ending.equals("exhausted") && random.nextInt(100) >= 12 ? CONTACT_ATTEMPTS
                    : 1 + random.nextInt(4);
            Instant taskStart = at;
            Instant attempt = hours.plus(at, Duration.ofMinutes(5 + random.nextInt(6 * 60)));
            for (int i = 1; ; i++) {
                if (i > planned || attempt.isAfter(windowEnds)) {
                    if (!happened(windowEnds)) {
                        waitIn("Task_LogContactAttempt", taskStart, rep, windowEnds);
                        return;
                    }
                    Instant fired = windowEnds.plusSeconds(1 + random.nextInt(60));
                    step("Task_LogContactAttempt", taskStart, fired, rep, windowEnds);
                    interrupt();
                    pass("Event_ContactWindowElapsed", fired);
                    pass("Task_CloseCadence", fired);
                    if (attempts < CONTACT_ATTEMPTS) {
                        breachCount++;
                        breaches.add(id, "CONTACT_CADENCE", rep, SDR_TEAM, ts(windowEnds), ts(fired),
                                hours.between(windowEnds, fired).toSeconds());
                    }
                    nurture(fired, "RECYCLED", "contact window elapsed after " + attempts + " of " + CONTACT_ATTEMPTS
                            + " attempts");
                    return;
                }
                if (!happened(attempt)) {
                    waitIn("Task_LogContactAttempt", taskStart, rep, windowEnds);
                    return;
                }
                boolean last = i == planned;
                String outcome = !last ? (random.nextBoolean() ? "no_answer" : "left_message")
                        : ending.equals("exhausted") ? "connected" : ending;
                step("Task_LogContactAttempt", taskStart, attempt, rep, windowEnds);
                contacts.add(id, rep, random.nextInt(3) == 0 ? "email" : "phone", outcome, ts(attempt));
                attempts++;
                variables.put("contactAttempts", attempts);
                variables.put("lastContactOutcome", outcome);
                if (firstContact == null) {
                    firstContact = attempt;
                }
                pass("Gateway_ContactOutcome", attempt);
                if (outcome.equals("meeting_booked")) {
                    meetingBooked(attempt);
                    return;
                }
                if (outcome.equals("disqualified")) {
                    disqualify(attempt, "disqualified on contact");
                    return;
                }
                pass("Gateway_AttemptsLeft", attempt);
                if (attempts >= CONTACT_ATTEMPTS) {
                    pass("Task_CloseCadence", attempt);
                    nurture(attempt, "RECYCLED", "attempts exhausted: " + attempts + " attempts without a meeting");
                    return;
                }
                taskStart = attempt;
                attempt = hours.plus(attempt, Duration.ofHours(2 + random.nextInt(10)));
            }
        }

        private void meetingBooked(Instant at) {
            sql = at;
            move("SQL", at, "meeting booked by " + owner);
            pass("Task_HandToAe", at);
            pass("Gateway_JoinMeeting", at);
            meetingClock(pickExcept(AES, excludedAes), at, 0);
        }

        /** The AE's meeting SLA, with the same ladder as the SAL step. */
        private void meetingClock(String ae, Instant assigned, int breachesSoFar) {
            owner = ae;
            team = AE_TEAM;
            Instant due = hours.plus(assigned, MEETING_SLA);
            int breachPercent = switch (breachesSoFar) {
                case 0 -> 8;
                case 1 -> 20;
                default -> 0;
            };
            if (random.nextInt(100) < breachPercent) {
                Instant breached = due.plusSeconds(1 + random.nextInt(60));
                if (!clock("AE", ae, AE_TEAM, assigned, MEETING_SLA, breached, "BREACHED",
                        "Task_HoldDiscoveryMeeting")) {
                    return;
                }
                interrupt();
                pass("Event_MeetingSlaBreached", breached);
                pass("Task_RecordMeetingBreach", breached);
                pass("Gateway_FirstMeetingBreach", breached);
                breachCount++;
                breaches.add(id, "MEETING", ae, AE_TEAM, ts(due), ts(breached),
                        hours.between(due, breached).toSeconds());
                excludedAes.add(ae);
                if (breachesSoFar == 0) {
                    pass("Task_HandToAe", breached);
                    pass("Gateway_JoinMeeting", breached);
                    meetingClock(pickExcept(AES, excludedAes), breached, 1);
                    return;
                }
                pass("Event_MeetingEscalated", breached);
                Instant resolved = hours.plus(breached, Duration.ofMinutes(20 + random.nextInt(160)));
                Instant escalationDue = hours.plus(breached, Duration.ofHours(2));
                if (!happened(resolved)) {
                    escalations.add(id, "MEETING", ts(breached), null, null, null);
                    waitIn("Task_HandleOverdueMeeting", breached, null, escalationDue);
                    return;
                }
                escalations.add(id, "MEETING", ts(breached), ts(resolved), "REASSIGNED", "sally");
                step("Task_HandleOverdueMeeting", breached, resolved, "sally", escalationDue);
                pass("Gateway_JoinMeeting", resolved);
                meetingClock(pickExcept(AES, excludedAes), resolved, 2);
                return;
            }
            Instant met = hours.plus(assigned, Duration.ofMinutes(60 + random.nextInt(15 * 60)));
            if (!clock("AE", ae, AE_TEAM, assigned, MEETING_SLA, met, "MET", "Task_HoldDiscoveryMeeting")) {
                return;
            }
            pass("Gateway_MeetingOutcome", met);
            if (random.nextInt(100) >= 65) {
                disqualify(met, "no fit after the discovery meeting");
                return;
            }
            opportunity = met;
            amount = BigDecimal.valueOf(5_000 + random.nextInt(86) * 1_000L).setScale(2);
            move("OPPORTUNITY", met, null);
            variables.put("opportunityAmount", amount.doubleValue());
            Instant decided = met.plus(Duration.ofDays(10 + random.nextInt(31)));
            int r = random.nextInt(100);
            if (!happened(decided) || r >= 70) {
                waitIn("Task_RecordDealOutcome", met, ae, null);
                return;
            }
            step("Task_RecordDealOutcome", met, decided, ae, null);
            pass("Task_ApplyDealOutcome", decided);
            pass("Gateway_DealWon", decided);
            if (r < 30) {
                move("WON", decided, "won " + amount.toPlainString());
                pass("Event_DealWon", decided);
                return;
            }
            amount = null;
            move("LOST", decided, random.nextBoolean() ? "price" : "competitor");
            Instant cooled = decided.plus(COOL_OFF);
            variables.put("coolOffUntil", date(cooled));
            if (!happened(cooled)) {
                waitIn("Event_CoolOffOver", decided, null, null);
                return;
            }
            step("Event_CoolOffOver", decided, cooled, null, null);
            pass("Task_RecycleLostLead", cooled);
            nurture(cooled, "RECYCLED", "lost deal cooled off");
        }

        private void disqualify(Instant at, String why) {
            pass("Task_DisqualifyLead", at);
            pass("Event_LeadDisqualified", at);
            move("DISQUALIFIED", at, why);
        }

        /** Waits for engagement; after the nurture period without any, the lead is recycled as stale. */
        private void nurture(Instant from, String newStage, String why) {
            move(newStage, from, why);
            owner = null;
            team = null;
            slaDue = null;
            variables.keySet().removeAll(SALES_VARIABLES);
            Instant stale = from.plus(NURTURE);
            variables.put("mqlVerdict", "NURTURE");
            variables.put("nurtureUntil", date(stale));
            if (!happened(stale)) {
                waitIn("Gateway_AwaitEngagement", from, null, null);
                return;
            }
            step("Gateway_AwaitEngagement", from, stale, null, null);
            pass("Event_NurtureExpired", stale);
            pass("Task_RecycleLead", stale);
            pass("Event_LeadRecycled", stale);
            move("RECYCLED", stale, "no engagement in " + NURTURE.toDays() + " days");
        }

        /**
         * Writes one clock and its task's activity; false when the clock still runs at {@code end}, so the
         * story stops there with the lead waiting in that task.
         */
        private boolean clock(String role, String rep, String clockTeam, Instant assigned, Duration sla, Instant ended,
                String outcome, String activity) {
            Instant due = hours.plus(assigned, sla);
            boolean done = happened(ended);
            clocks.add(id, role, rep, clockTeam, ts(assigned), ts(due), done ? ts(ended) : null, done ? outcome : null,
                    done ? hours.between(assigned, ended).toSeconds() : null);
            if (trails != null) {
                clockVariables(role, rep, assigned, sla, due);
            }
            if (!done) {
                owner = rep;
                team = clockTeam;
                slaDue = role.equals("SDR") ? due : null;
                waitIn(activity, assigned, rep, due);
                return false;
            }
            step(activity, assigned, ended, rep, due);
            return true;
        }

        /** What the process holds while this clock runs; only the trail needs it. */
        private void clockVariables(String role, String rep, Instant assigned, Duration sla, Instant due) {
            if (role.equals("SDR")) {
                // What routing set by sla-policy.dmn for every grade.
                variables.put("contactAttemptTarget", CONTACT_ATTEMPTS);
                variables.put("contactWindowDays", CONTACT_WINDOW_DAYS);
                variables.put("meetingWithinDays", 2);
                variables.put("team", SDR_TEAM);
                variables.put("segment", "mid-market");
                variables.put("acceptWithinHours", (int) sla.toHours());
                variables.put("slaDueAt", date(due));
                variables.put("slaDueText", deadlines.moment(due));
                variables.put("slaStartedAt", date(assigned));
                variables.put("breachCount", breachCount);
                variables.put("excludedReps", String.join(",", excludedReps));
                putOrRemove("owner", rep);
            } else {
                variables.put("meetingDueAt", date(due));
                variables.put("meetingDueText", deadlines.moment(due));
                variables.put("meetingStartedAt", date(assigned));
                variables.put("meetingBreachCount", breachCount);
                variables.put("excludedAes", String.join(",", excludedAes));
                putOrRemove("aeOwner", rep);
            }
        }

        private void putOrRemove(String name, Object value) {
            if (value == null) {
                variables.remove(name);
            } else {
                variables.put(name, value);
            }
        }

        private void pass(String activity, Instant at) {
            steps.add(new Trail.Step(activity, at, at, null, null, false));
        }

        private void step(String activity, Instant start, Instant ended, String assignee, Instant due) {
            steps.add(new Trail.Step(activity, start, ended, assignee, due, false));
        }

        /** The last step was cut short by its boundary timer. */
        private void interrupt() {
            Trail.Step last = steps.remove(steps.size() - 1);
            steps.add(new Trail.Step(last.activityId(), last.start(), last.end(), last.assignee(), last.due(), true));
        }

        private void waitIn(String activity, Instant since, String assignee, Instant due) {
            waiting = new Trail.Step(activity, since, null, assignee, due, false);
        }

        private void move(String newStage, Instant at, String why) {
            stage = newStage;
            reason = why;
            changed = at;
            if (closed == null && List.of("WON", "LOST", "RECYCLED", "DISQUALIFIED").contains(newStage)) {
                closed = at;
            }
        }

        private boolean happened(Instant at) {
            return at != null && !at.isAfter(end);
        }

        private String pick(List<String> values) {
            return values.get(random.nextInt(values.size()));
        }

        /** Round robin skips the reps a lead was taken from; when all were, any may get it again. */
        private String pickExcept(List<String> values, Set<String> excluded) {
            List<String> eligible = values.stream().filter(v -> !excluded.contains(v)).toList();
            return pick(eligible.isEmpty() ? values : eligible);
        }
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Date date(Instant instant) {
        return Date.from(instant);
    }
}
