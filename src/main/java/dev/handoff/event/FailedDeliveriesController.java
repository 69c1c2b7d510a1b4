package dev.handoff.event;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.handoff.identity.Groups;
import dev.handoff.platform.ConflictException;
import dev.handoff.platform.CurrentUser;
import dev.handoff.platform.EngineClock;
import dev.handoff.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * For admins: the outbox rows a subscriber kept refusing, and sending them again (the dashboard's failed-deliveries
 * section reads and calls this).
 */
@RestController
@RequestMapping("/api/outbox")
@Tag(name = "Outbox", description = "Events and mails Handoff could not deliver, for admins")
@ApiResponse(responseCode = "403", description = "Not a Camunda administrator")
class FailedDeliveriesController {

    /**
     * One undeliverable row: what, to whom, how often tried and the last answer; the lead's number as the event
     * carries it (mails carry none), for people who know leads by number.
     */
    record FailedDelivery(long id, String eventId, String eventType, String subscriber, String leadId,
            String leadNumber, int attempts, String lastError, OffsetDateTime createdAt) {
    }

    record Failed(long failed, long pending, List<FailedDelivery> items) {
    }

    record Retried(String subscriber, int retried) {
    }

    static final int LIMIT = 500;

    private final OutboxRepository outbox;
    private final OutboxWorker worker;
    private final CurrentUser user;
    private final ObjectMapper json;

    FailedDeliveriesController(OutboxRepository outbox, OutboxWorker worker, CurrentUser user, ObjectMapper json) {
        this.outbox = outbox;
        this.worker = worker;
        this.user = user;
        this.json = json;
    }

    @Operation(summary = "List failed deliveries", description = """
            Outbox rows whose subscriber failed every attempt (handoff.events.delivery.max-attempts), oldest \
            first, at most 500, with the counts of failed and still pending rows. A failed row holds back its \
            lead's later events for that subscriber until it is retried. For camunda-admin.""")
    @ApiResponse(responseCode = "200", description = "The failed rows")
    @GetMapping("/failed")
    Failed failed() {
        user.requireAny(List.of(Groups.ADMIN), "read the failed deliveries");
        return new Failed(outbox.count(OutboxRepository.FAILED), outbox.count(OutboxRepository.PENDING),
                outbox.failed(LIMIT).stream().map(this::delivery).toList());
    }

    @Operation(summary = "Retry a failed delivery", description = """
            Puts the failed row back in the outbox with its attempts reset; it is delivered at once, and the lead's \
            events that waited behind it follow in order. For camunda-admin.""")
    @ApiResponse(responseCode = "200", description = "The row, pending again")
    @ApiResponse(responseCode = "404", description = "No outbox row with this id")
    @ApiResponse(responseCode = "409", description = "The row is not failed (pending or delivered)")
    @PostMapping("/{id}/retry")
    FailedDelivery retry(@Parameter(description = "The outbox row's id") @PathVariable long id) {
        user.requireAny(List.of(Groups.ADMIN), "retry deliveries");
        OutboxRepository.Row row = outbox.find(id).orElseThrow(() -> new NotFoundException("No outbox row " + id));
        if (!outbox.retry(id, EngineClock.now())) {
            throw new ConflictException("Outbox row " + id + " is " + row.status() + ", not failed");
        }
        worker.wake();
        return delivery(outbox.find(id).orElseThrow());
    }

    @Operation(summary = "Retry all failed deliveries of a subscriber", description = """
            Puts every failed row of the subscriber back in the outbox, as retrying each one would: for a \
            receiver that was down and is back. For camunda-admin.""")
    @ApiResponse(responseCode = "200", description = "How many rows are pending again (0 if none was failed)")
    @ApiResponse(responseCode = "400", description = "No subscriber given")
    @PostMapping("/failed/retry")
    Retried retryAll(@Parameter(description = "The subscriber's name as the failed rows show it")
            @RequestParam String subscriber) {
        user.requireAny(List.of(Groups.ADMIN), "retry deliveries");
        int retried = outbox.retryFailed(subscriber, EngineClock.now());
        worker.wake();
        return new Retried(subscriber, retried);
    }

    private FailedDelivery delivery(OutboxRepository.Row row) {
        return new FailedDelivery(row.id(), row.eventId(), row.eventType(), row.subscriber(), row.leadId(),
                leadNumber(row.payload()), row.attempts(), row.lastError(), row.createdAt());
    }

    /** The number an event carries ({@code lead.number}); null for mails, which carry none. */
    private String leadNumber(String payload) {
        try {
            String number = json.readTree(payload).path("lead").path("number").asText("");
            return number.isBlank() ? null : number;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
