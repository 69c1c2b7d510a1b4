#!/usr/bin/env python3
"""Summarises a flight recording's CPU samples: the hottest methods (top frame), and the share of samples whose
stack passes through each of a few areas (H2, PostgreSQL driver, FEEL, JUEL, MyBatis, Handoff, Jackson, Tomcat).
   scripts/jfr-hotspots.py recording.jfr [top] [thread-name-regex]   (needs the JDK's jfr tool on the PATH)
e.g. thread regex "http-nio" for requests only, "JobExecutor" for the job executor's threads."""
import collections, re, subprocess, sys

AREAS = {
    "H2 (org.h2)": "org.h2.",
    "PostgreSQL driver": "org.postgresql.",
    "FEEL parser (fastparse)": "org.camunda.feel.impl.parser",
    "FEEL (all)": "org.camunda.feel.",
    "DMN engine": "org.camunda.bpm.dmn.",
    "JUEL": "org.camunda.bpm.impl.juel",
    "MyBatis": "org.apache.ibatis.",
    "engine history": "org.camunda.bpm.engine.impl.history.",
    "engine job executor": "org.camunda.bpm.engine.impl.jobexecutor.",
    "Handoff (dev.handoff)": "dev.handoff.",
    "Jackson": "com.fasterxml.jackson.",
    "Spring Security": "org.springframework.security.",
    "Hibernate Validator": "org.hibernate.validator.",
}

def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    threads = re.compile(sys.argv[3]) if len(sys.argv) > 3 else None
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", path],
                          capture_output=True, text=True, check=True).stdout
    samples = []
    for event in text.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w$.<>]+)\(", event, re.M)
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        if threads and not (thread and threads.search(thread.group(1))):
            continue
        if frames:
            samples.append(frames)
    n = len(samples)
    print(f"{n} CPU samples in {path}")
    tops = collections.Counter(s[0] for s in samples)
    print(f"\nhottest methods (top frame), of {n}:")
    for method, count in tops.most_common(top):
        print(f"  {100.0 * count / n:5.1f} %  {method}")
    print("\nshare of samples whose stack passes through:")
    for name, prefix in AREAS.items():
        count = sum(1 for s in samples if any(f.startswith(prefix) for f in s))
        print(f"  {100.0 * count / n:5.1f} %  {name}")
    plumbing = ("org.h2.", "org.apache.ibatis.", "com.zaxxer.", "org.springframework.jdbc.", "jdk.", "java.",
                "sun.", "org.camunda.bpm.engine.impl.db.", "org.camunda.bpm.engine.impl.persistence.",
                "org.camunda.bpm.engine.impl.interceptor.", "org.camunda.bpm.engine.impl.Abstract",
                "org.camunda.bpm.engine.impl.cfg.", "org.camunda.bpm.engine.impl.util.", "org.springframework.")
    callers = collections.Counter()
    for s in samples:
        if s[0].startswith("org.h2.") or any(f.startswith("org.h2.command") for f in s[:40]):
            caller = next((f for f in s if not f.startswith(plumbing)), "?")
            callers[caller] += 1
    print("\nwho asked H2 (nearest frame outside JDBC, MyBatis and the engine's persistence layer):")
    for method, count in callers.most_common(top):
        print(f"  {100.0 * count / n:5.1f} %  {method}")
    handoff = collections.Counter()
    for s in samples:
        first = next((f for f in s if f.startswith("dev.handoff.")), None)
        if first:
            handoff[first] += 1
    print("\nHandoff's frames nearest the top (where Handoff's own code leads to the cost):")
    for method, count in handoff.most_common(top):
        print(f"  {100.0 * count / n:5.1f} %  {method}")

if __name__ == "__main__":
    main()
