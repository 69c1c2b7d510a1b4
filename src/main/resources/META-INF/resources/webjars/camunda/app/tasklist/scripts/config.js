// Handoff's Tasklist configuration: replaces the webapp's default, keeping its keyboard shortcuts.
// See https://docs.camunda.org/manual/latest/webapps/tasklist/configuration/
export default {
  // The first-login box asks /camunda-welcome, which only Camunda's Tomcat distribution serves: a 404 here.
  disableWelcomeMessage: true,
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
