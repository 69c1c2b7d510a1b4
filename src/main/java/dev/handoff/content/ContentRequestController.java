package dev.handoff.content;

import static dev.handoff.content.ContentVariables.*;

import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.handoff.content.ContentRequests.ContentRequest;
import dev.handoff.content.ContentRequests.TimelineEntry;
import dev.handoff.content.ContentRequests.Version;
import dev.handoff.identity.Groups;
import dev.handoff.platform.CurrentUser;
import dev.handoff.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Sales request content; everyone in sales and marketing can follow a request's timeline. */
@RestController
@RequestMapping("/api/content-requests")
@Tag(name = "Content requests",
        description = "Sales ask content marketing for content; see processes/content-request.bpmn")
@ApiResponse(responseCode = "403", description = "Not in a sales or marketing group")
class ContentRequestController {

    static final List<String> READERS = Stream.concat(Groups.SALES.stream(), Groups.MARKETING.stream()).toList();

    record RequestView(long id, String processInstanceId, String type, String title, String need, String persona,
            String leadId, LocalDate neededBy, String requester, String status, LocalDate agreedDueDate,
            String declineReason, Long reusedAssetId, Long assetId, int revisionCount, OffsetDateTime createdAt,
            OffsetDateTime closedAt, List<Version> versions, List<TimelineEntry> timeline) {
    }

    private final ContentRequestValidator validator;
    private final ContentRequests requests;
    private final ContentHub hub;
    private final RuntimeService runtimeService;
    private final CurrentUser currentUser;

    ContentRequestController(ContentRequestValidator validator, ContentRequests requests, ContentHub hub,
            RuntimeService runtimeService, CurrentUser currentUser) {
        this.validator = validator;
        this.requests = requests;
        this.hub = hub;
        this.runtimeService = runtimeService;
        this.currentUser = currentUser;
    }

    /** Starts the content-request process exactly as Tasklist's start form does, as the signed-in rep. */
    @Operation(summary = "Request content", description = """
            Starts processes/content-request.bpmn as the signed-in rep, as Tasklist's start form does: content \
            marketing triage it (accept, decline or reuse an asset), draft it and publish it to the hub. For the \
            sales groups (sdr, ae, sales-managers).""")
    @ApiResponse(responseCode = "201", description = "Requested: the new request (Location)")
    @PostMapping
    ResponseEntity<RequestView> create(@RequestBody NewContentRequest body) {
        currentUser.requireAny(Groups.SALES, "request content");
        validator.check(body);
        Map<String, Object> variables = new HashMap<>();
        variables.put(TYPE, body.type());
        variables.put(TITLE, body.title());
        variables.put(NEED, body.need());
        variables.put(PERSONA, body.persona());
        variables.put(LEAD_ID, body.leadId());
        variables.put(NEEDED_BY, body.neededBy().toString());
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(PROCESS_KEY, variables);
        ContentRequest request = requests.findByProcessInstance(instance.getId()).orElseThrow();
        return ResponseEntity.created(URI.create("/api/content-requests/" + request.id())).body(view(request));
    }

    @Operation(summary = "Read a content request", description = """
            Its status, agreed due date, versions and timeline. For the sales and marketing groups.""")
    @ApiResponse(responseCode = "200", description = "The content request")
    @ApiResponse(responseCode = "404", description = "No content request with this id")
    @GetMapping("/{id}")
    RequestView get(@Parameter(description = "The content request's id") @PathVariable long id) {
        currentUser.requireAny(READERS, "read content requests");
        return view(requests.find(id).orElseThrow(() -> new NotFoundException("No content request " + id)));
    }

    private RequestView view(ContentRequest r) {
        return new RequestView(r.id(), r.processInstanceId(), r.type(), r.title(), r.need(), r.persona(), r.leadId(),
                r.neededBy(), r.requester(), r.status(), r.agreedDueDate(), r.declineReason(), r.reusedAssetId(),
                hub.assetOfRequest(r.id()), r.revisionCount(), r.createdAt(), r.closedAt(), requests.versions(r.id()),
                requests.timeline(r.id()));
    }
}
