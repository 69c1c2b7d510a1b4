package dev.handoff.content;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.handoff.identity.Groups;
import dev.handoff.platform.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The monthly digest for sales: marketing's events, and the issues sent so far. */
@RestController
@RequestMapping("/api/content")
@Tag(name = "Monthly digest", description = "Events marketing plans and the digests sent to sales")
class DigestController {

    record EventRequest(String name, LocalDate startsOn, String link) {
    }

    private final MarketingEvents events;
    private final Digests digests;
    private final CurrentUser user;

    DigestController(MarketingEvents events, Digests digests, CurrentUser user) {
        this.events = events;
        this.digests = digests;
        this.user = user;
    }

    @Operation(summary = "List events", description = """
            Marketing's events from a day on (today by default), soonest first. For everybody signed in.""")
    @ApiResponse(responseCode = "200", description = "The events")
    @GetMapping("/events")
    List<MarketingEvents.Event> events(@Parameter(description = "First day, e.g. 2026-03-01")
            @RequestParam(required = false) LocalDate from) {
        LocalDate start = from != null ? from : EngineClock.today(java.time.ZoneOffset.UTC);
        return events.between(start, start.plusYears(2));
    }

    @Operation(summary = "Add an event", description = """
            Name, date (`startsOn`) and an http(s) link; the digest lists the events of the coming two months. For \
            marketing-ops, demand-gen, content-marketing and marketing-managers.""")
    @ApiResponse(responseCode = "403", description = "Not in marketing")
    @ApiResponse(responseCode = "201", description = "Added")
    @ApiResponse(responseCode = "400", description = "Invalid fields, each named")
    @PostMapping("/events")
    ResponseEntity<MarketingEvents.Event> addEvent(@RequestBody EventRequest request) {
        user.requireAny(Groups.MARKETING, "keep marketing's events");
        MarketingEvents.Event event = events.add(request.name(), request.startsOn(), request.link(), user.id());
        return ResponseEntity.created(URI.create("/api/content/events/" + event.id())).body(event);
    }

    @Operation(summary = "Remove an event", description = "For marketing's groups.")
    @ApiResponse(responseCode = "200", description = "Removed; the event as it was")
    @ApiResponse(responseCode = "403", description = "Not in marketing")
    @ApiResponse(responseCode = "404", description = "No event with this id")
    @DeleteMapping("/events/{id}")
    MarketingEvents.Event deleteEvent(@Parameter(description = "The event's id") @PathVariable long id) {
        user.requireAny(Groups.MARKETING, "keep marketing's events");
        return events.delete(id);
    }

    @Operation(summary = "Past digests", description = """
            Every monthly digest sent to sales (processes/monthly-digest.bpmn), newest first, as it was sent. For \
            everybody signed in.""")
    @ApiResponse(responseCode = "200", description = "The issues")
    @GetMapping("/digests")
    List<Digests.Issue> digests() {
        return digests.list();
    }
}
