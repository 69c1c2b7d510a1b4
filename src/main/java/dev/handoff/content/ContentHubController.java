package dev.handoff.content;

import java.util.ArrayList;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.handoff.content.ContentHub.Asset;
import dev.handoff.content.ContentHub.Page;
import dev.handoff.content.ContentHub.Rating;
import dev.handoff.content.ContentRequests.Version;
import dev.handoff.platform.CurrentUser;
import dev.handoff.platform.FieldProblem;
import dev.handoff.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The content hub for sales and marketing: search what exists before asking for something new. */
@RestController
@RequestMapping("/api/content")
@Tag(name = "Content hub", description = "Published content, to search before asking for something new")
@ApiResponse(responseCode = "403", description = "Not in a sales or marketing group")
class ContentHubController {

    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_PAGE = 10_000;

    record AssetDetail(Asset asset, List<Version> versions, List<Rating> ratings) {
    }

    private final ContentHub hub;
    private final ContentRequests requests;
    private final CurrentUser currentUser;

    ContentHubController(ContentHub hub, ContentRequests requests, CurrentUser currentUser) {
        this.hub = hub;
        this.requests = requests;
        this.currentUser = currentUser;
    }

    @Operation(summary = "Search the content hub", description = """
            Published assets, newest first. For the sales and marketing groups.""")
    @ApiResponse(responseCode = "200", description = "A page of assets")
    @GetMapping
    Page search(
            @Parameter(description = "Text in the title, need or tags (any case)") @RequestParam(required = false)
            String q,
            @Parameter(description = "Only this type: " + NewContentRequest.TYPE_LIST) @RequestParam(required = false)
            String type,
            @Parameter(description = "Only for this persona, by its key in the agreement's catalogue (any case)")
            @RequestParam(required = false) String persona,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Assets per page, 1 to " + MAX_PAGE_SIZE) @RequestParam(defaultValue = "20")
            int size) {
        currentUser.requireAny(ContentRequestController.READERS, "read the content hub");
        List<FieldProblem> problems = new ArrayList<>();
        if (type != null && !type.isBlank() && !type.matches(NewContentRequest.TYPES)) {
            problems.add(new FieldProblem("type", "must be one of " + NewContentRequest.TYPE_LIST));
        }
        if (page < 0 || page > MAX_PAGE) {
            problems.add(new FieldProblem("page", "must be 0 to " + MAX_PAGE));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            problems.add(new FieldProblem("size", "must be 1 to " + MAX_PAGE_SIZE));
        }
        if (!problems.isEmpty()) {
            throw new InvalidContentInput(problems);
        }
        return hub.search(q, type, persona, page, size);
    }

    @Operation(summary = "Read a content asset", description = """
            The asset with the versions of the request that made it and its ratings. For the sales and marketing \
            groups.""")
    @ApiResponse(responseCode = "200", description = "The asset")
    @ApiResponse(responseCode = "404", description = "No content asset with this id")
    @GetMapping("/{id}")
    AssetDetail get(@Parameter(description = "The asset's id") @PathVariable long id) {
        currentUser.requireAny(ContentRequestController.READERS, "read the content hub");
        Asset asset = hub.find(id).orElseThrow(() -> new NotFoundException("No content asset " + id));
        return new AssetDetail(asset, requests.versions(asset.requestId()), hub.ratings(id));
    }
}
