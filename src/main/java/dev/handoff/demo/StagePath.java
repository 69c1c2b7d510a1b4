package dev.handoff.demo;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;

import dev.handoff.lead.LeadVariables;

/**
 * Where a seeded lead's trail ran: lead-lifecycle and the stage processes it calls. A trail names the steps a
 * lead took (tasks, events, the gateways that decided); this fills in what the diagrams add between them (the call
 * activity of each stage, the stage's start and end events, its escalation end and the boundary event that catches
 * it, joining gateways) and says which process instance each step ran in: one for the lifecycle and one per visit
 * of a stage. The models are read as deployed, so the seeded history follows the diagrams a process owner changes.
 */
final class StagePath {

    /** One flow node of one of the processes. */
    record Node(String process, String activityId) {
    }

    /** One process instance of a trail: the lifecycle, or one visit of a stage (then with its call activity). */
    static final class Visit {
        final String process;
        final Visit parent;
        /** Where in the parent's steps this visit's call activity is. */
        final int callIndex;
        final List<Trail.Step> steps = new ArrayList<>();
        final Instant start;
        Instant end;
        /** Left by an escalation end event (caught on the call activity) rather than a normal end. */
        boolean escalated;

        Visit(String process, Visit parent, int callIndex, Instant start) {
            this.process = process;
            this.parent = parent;
            this.callIndex = callIndex;
            this.start = start;
        }

        boolean open() {
            return end == null;
        }
    }

    private final Map<String, BpmnModelInstance> models;
    /** Each stage's call activity in lead-lifecycle. */
    private final Map<String, CallActivity> callOf = new HashMap<>();

    /** @param models lead-lifecycle's model and those of the stages it calls, by process key */
    StagePath(Map<String, BpmnModelInstance> models) {
        this.models = models;
        for (CallActivity call : models.get(LeadVariables.PROCESS_KEY).getModelElementsByType(CallActivity.class)) {
            callOf.put(call.getCalledElement(), call);
        }
    }

    /**
     * The process instances of one trail, the lifecycle first and then each stage visit in the order entered.
     * A trail that ended runs on to an end event of the lifecycle; one that waits leaves its last visits open.
     */
    List<Visit> visits(Trail trail) {
        List<Trail.Step> taken = new ArrayList<>(trail.steps());
        if (trail.waiting() != null) {
            taken.add(trail.waiting());
        }
        Trail.Step first = taken.get(0);
        Visit root = new Visit(LeadVariables.PROCESS_KEY, null, -1, first.start());
        List<Visit> visits = new ArrayList<>(List.of(root));
        Visit current = root;
        Node at = new Node(LeadVariables.PROCESS_KEY, first.activityId());
        root.steps.add(first);
        for (Trail.Step step : taken.subList(1, taken.size())) {
            Instant when = step.start();
            List<Node> path = path(at, n -> n.activityId().equals(step.activityId()), trail);
            for (Node node : path) {
                current = enterOrLeave(current, at, node, when, visits);
                current.steps.add(node == path.get(path.size() - 1) ? step : pass(node, when));
                at = node;
            }
        }
        if (trail.waiting() != null) {
            for (Visit visit : visits) {
                if (visit.parent != null && visit.open()) {
                    Trail.Step call = visit.parent.steps.get(visit.callIndex);
                    visit.parent.steps.set(visit.callIndex,
                            new Trail.Step(call.activityId(), visit.start, null, null, null, false));
                }
            }
        } else if (!(node(at) instanceof EndEvent && at.process().equals(LeadVariables.PROCESS_KEY))) {
            Trail.Step last = taken.get(taken.size() - 1);
            for (Node node : path(at, n -> n.process().equals(LeadVariables.PROCESS_KEY) && node(n) instanceof EndEvent,
                    trail)) {
                current = enterOrLeave(current, at, node, last.end(), visits);
                current.steps.add(pass(node, last.end()));
                at = node;
            }
        }
        if (trail.waiting() == null) {
            root.end = taken.get(taken.size() - 1).end();
        }
        return visits;
    }

    /** The flow nodes a token can go to next from {@code node}, across call activities and their stages. */
    List<Node> next(Node node) {
        FlowNode element = node(node);
        List<Node> next = new ArrayList<>();
        if (element instanceof CallActivity call) {
            models.get(call.getCalledElement()).getModelElementsByType(StartEvent.class).stream()
                    .filter(start -> start.getEventDefinitions().isEmpty())
                    .forEach(start -> next.add(new Node(call.getCalledElement(), start.getId())));
            return next;
        }
        if (element instanceof EndEvent end && !node.process().equals(LeadVariables.PROCESS_KEY)) {
            CallActivity call = callOf.get(node.process());
            Optional<String> code = escalationCode(end.getEventDefinitions());
            if (code.isEmpty()) {
                call.getOutgoing().forEach(flow -> next.add(new Node(LeadVariables.PROCESS_KEY, flow.getTarget().getId())));
            } else {
                models.get(LeadVariables.PROCESS_KEY).getModelElementsByType(BoundaryEvent.class).stream()
                        .filter(b -> b.getAttachedTo().getId().equals(call.getId())
                                && escalationCode(b.getEventDefinitions()).equals(code))
                        .forEach(b -> next.add(new Node(LeadVariables.PROCESS_KEY, b.getId())));
            }
            return next;
        }
        for (SequenceFlow flow : element.getOutgoing()) {
            next.add(new Node(node.process(), flow.getTarget().getId()));
        }
        models.get(node.process()).getModelElementsByType(BoundaryEvent.class).stream()
                .filter(b -> b.getAttachedTo().getId().equals(node.activityId()))
                .forEach(b -> next.add(new Node(node.process(), b.getId())));
        return next;
    }

    FlowNode node(Node node) {
        return models.get(node.process()).getModelElementById(node.activityId());
    }

    String callActivity(String stage) {
        return callOf.get(stage).getId();
    }

    /** The shortest way from {@code from} to a node {@code target} accepts, through steps no trail names. */
    private List<Node> path(Node from, Predicate<Node> target, Trail trail) {
        Map<Node, Node> cameFrom = new LinkedHashMap<>();
        Deque<Node> queue = new ArrayDeque<>(List.of(from));
        cameFrom.put(from, from);
        while (!queue.isEmpty()) {
            Node node = queue.poll();
            for (Node next : next(node)) {
                if (cameFrom.containsKey(next)) {
                    continue;
                }
                cameFrom.put(next, node);
                if (target.test(next)) {
                    List<Node> path = new ArrayList<>();
                    for (Node n = next; !n.equals(from); n = cameFrom.get(n)) {
                        path.add(0, n);
                    }
                    return path;
                }
                if (passedUnnamed(node(next))) {
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException("lead " + trail.leadId() + ": no way in the lead processes from " + from
                + " to its next step");
    }

    /**
     * Steps a trail does not name: those that take no time and decide nothing a seeded lead has to say (joins,
     * start and end events, the call activities and their escalation boundary events). An event-based gateway is
     * where a lead waits, so the trail names it.
     */
    private static boolean passedUnnamed(FlowNode node) {
        return node instanceof Gateway && !(node instanceof EventBasedGateway) || node instanceof StartEvent
                || node instanceof EndEvent || node instanceof CallActivity
                || node instanceof BoundaryEvent b && escalationCode(b.getEventDefinitions()).isPresent();
    }

    /** Follows the step from {@code at} to {@code node} into a stage's process instance, or back out of it. */
    private Visit enterOrLeave(Visit current, Node at, Node node, Instant when, List<Visit> visits) {
        if (node.process().equals(at.process())) {
            return current;
        }
        if (at.process().equals(LeadVariables.PROCESS_KEY)) {
            Visit stage = new Visit(node.process(), current, current.steps.size() - 1, when);
            visits.add(stage);
            return stage;
        }
        current.end = when;
        current.escalated = escalationCode(((EndEvent) node(at)).getEventDefinitions()).isPresent();
        Trail.Step call = current.parent.steps.get(current.callIndex);
        current.parent.steps.set(current.callIndex,
                new Trail.Step(call.activityId(), current.start, when, null, null, current.escalated));
        return current.parent;
    }

    private static Trail.Step pass(Node node, Instant when) {
        return new Trail.Step(node.activityId(), when, when, null, null, false);
    }

    private static Optional<String> escalationCode(Collection<? extends EventDefinition> definitions) {
        return definitions.stream().filter(EscalationEventDefinition.class::isInstance)
                .map(d -> ((EscalationEventDefinition) d).getEscalation())
                .map(e -> e == null ? "" : e.getEscalationCode()).findFirst();
    }
}
