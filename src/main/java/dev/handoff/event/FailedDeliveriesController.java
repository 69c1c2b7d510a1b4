package dev.handoff.event;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.handoff.identity.Groups;
import dev.handoff.platform.ConflictException;
import dev.handoff.platform.CurrentUser;
import dev.handoff.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** For admins: the outbox rows a subscriber kept refusing, and sending one again. */
@RestController
@RequestMapping("/api/outbox")
@Tag(name = "Outbox", description = "Events and mails Handoff could not deliver, for admins")
@ApiResponse(responseCode = "403", description = "Not a Camunda administrator")
class FailedDeliveriesController {

    /** One undeliverable row: what, to whom, how often tried and the last answer. */
    record FailedDelivery(long id, String eventId, String eventType, String subscriber, String leadId, int attempts,
            String lastError, OffsetDateTime createdAt) {

        static FailedDelivery of(OutboxRepository.Row row) {
            return new FailedDelivery(row.id(), row.eventId(), row.eventType(), row.subscriber(), row.leadId(),
                    row.attempts(), row.lastError(), row.createdAt());
        }
    }

    record Failed(long failed, long pending, List<FailedDelivery> items) {
    }

    static final int LIMIT = 500;

    private final OutboxRepository outbox;
    private final OutboxWorker worker;
    private final CurrentUser user;

    FailedDeliveriesController(OutboxRepository outbox, OutboxWorker worker, CurrentUser user) {
        this.outbox = outbox;
        this.worker = worker;
        this.user = user;
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
                outbox.failed(LIMIT).stream().map(FailedDelivery::of).toList());
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
        if (!outbox.retry(id, OffsetDateTime.now(ZoneOffset.UTC))) {
            throw new ConflictException("Outbox row " + id + " is " + row.status() + ", not failed");
        }
        worker.wake();
        return FailedDelivery.of(outbox.find(id).orElseThrow());
    }
}
