package dev.handoff.identity;

import java.util.List;

/** The demo profile's people; each one's password is its user id (documented in the README). */
final class DemoUsers {

    record DemoUser(String id, String firstName, String lastName, String group) {
        String email() {
            return id + "@handoff.example";
        }
    }

    static final List<DemoUser> ALL = List.of(
            new DemoUser("admin", "Ada", "Admin", Groups.ADMIN),
            new DemoUser("mona", "Mona", "Ops", Groups.MARKETING_OPS),
            new DemoUser("dean", "Dean", "Demand", Groups.DEMAND_GEN),
            new DemoUser("cora", "Cora", "Content", Groups.CONTENT_MARKETING),
            new DemoUser("mark", "Mark", "Manager", Groups.MARKETING_MANAGERS),
            new DemoUser("sam", "Sam", "Seller", Groups.SDR),
            new DemoUser("sophie", "Sophie", "Seller", Groups.SDR),
            new DemoUser("steve", "Steve", "Seller", Groups.SDR),
            new DemoUser("alex", "Alex", "Executive", Groups.AE),
            new DemoUser("ava", "Ava", "Executive", Groups.AE),
            new DemoUser("sally", "Sally", "Sales-Lead", Groups.SALES_MANAGERS),
            new DemoUser("intake", "Intake", "Integration", Groups.INTEGRATION));

    private DemoUsers() {
    }
}
