// Handoff's pages next to Camunda's apps on the welcome page, where the dashboard sends people to sign in.
export default {
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
