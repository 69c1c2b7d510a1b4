// Handoff's pages next to Camunda's apps on the welcome page, where the dashboard sends people to sign in.
export default {
  // The first-login box asks /camunda-welcome, which only Camunda's Tomcat distribution serves: a 404 here.
  disableWelcomeMessage: true,
  links: [
    {
      label: 'Handoff dashboard',
      href: '/dashboard/',
      description: 'Funnel, SLA compliance, rejections, content and bottlenecks (managers and admins)'
    },
    {
      label: 'Handoff API',
      href: '/swagger-ui.html',
      description: 'Leads, engagement, reps, content and reports over REST'
    }
  ]
};
