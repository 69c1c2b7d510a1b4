// Handoff's Cockpit configuration: replaces the webapp's default (which configures nothing) to load
// Handoff's plugins. See https://docs.camunda.org/manual/latest/webapps/cockpit/extend/configuration/
export default {
  // The first-login box asks /camunda-welcome, which only Camunda's Tomcat distribution serves: a 404 here.
  disableWelcomeMessage: true,
  customScripts: [
    // Bottlenecks per activity, from GET /api/reports/bottlenecks: a tab and overlays on the diagram.
    'scripts/handoff-bottlenecks'
  ]
};
