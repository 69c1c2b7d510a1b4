package dev.handoff.routing;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.handoff.identity.Groups;
import dev.handoff.platform.CurrentUser;

/** Sales managers keep reps' availability and capacity here; routing reads it for every lead. */
@RestController
@RequestMapping("/api/reps")
class RepController {

    record RepRequest(Boolean active, Boolean available, OffsetDateTime availableFrom,
            @Min(value = 0, message = "must be 0 or more open leads")
            @Max(value = 1_000, message = "must be at most 1,000 open leads") Integer capacity) {
    }

    private final Reps reps;
    private final CurrentUser user;

    RepController(Reps reps, CurrentUser user) {
        this.reps = reps;
        this.user = user;
    }

    @GetMapping
    List<Rep> list(@RequestParam(defaultValue = Groups.SDR) String team) {
        return reps.list(team);
    }

    @GetMapping("/{userId}")
    Rep get(@PathVariable String userId) {
        return reps.get(userId);
    }

    @PutMapping("/{userId}")
    Rep update(@PathVariable String userId, @jakarta.validation.Valid @RequestBody RepRequest request) {
        user.requireAny(List.of(Groups.SALES_MANAGERS), "change reps' availability or capacity");
        return reps.update(userId, new Reps.Update(request.active(), request.available(), request.availableFrom(),
                request.capacity()), user.id());
    }
}
