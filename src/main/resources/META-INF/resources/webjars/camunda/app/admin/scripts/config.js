// Handoff's Admin configuration: replaces the webapp's default (which configures nothing).
export default {
  // The first-login box asks /camunda-welcome, which only Camunda's Tomcat distribution serves: a 404 here.
  disableWelcomeMessage: true
};
