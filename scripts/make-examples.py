#!/usr/bin/env python3
"""Writes the two example plans in saves/. Edit the data here and rerun:
    python3 scripts/make-examples.py
The app embeds the files, so rebuild afterwards."""
import os
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
import json
def q(s): return json.dumps(s, ensure_ascii=False)
def opt(v, f=lambda x: str(x)): return "None" if v is None else f"Some({f(v)})"
def skills_map(d):
    out=[]
    for k,e in d.items():
        out.append(f'    {q(k)}: (self_rating: {opt(e.get("self"))}, mentor_rating: {opt(e.get("mentor"))}, will: {opt(e.get("will"))}, evidence: {q(e.get("evidence",""))}, mentor_note: {q(e.get("mentor_note",""))}),')
    return "{\n"+"\n".join(out)+"\n  }"
def item(i):
    return ("    (id: %d, text: %s, skill: %s, role: %s, status: %s, due: %s, notes: %s, evidence: %s, created: %s, completed: %s, source: %s, session: %s),"
      % (i["id"], q(i["text"]), opt(i.get("skill"), q), opt(i.get("role"), q), i.get("status","Open"), opt(i.get("due"), q), q(i.get("notes","")), q(i.get("evidence","")), q(i["created"]), opt(i.get("completed"), q), opt(i.get("source"), q), opt(i.get("session"))))
def snap(s):
    sk=",\n".join(f'        {q(k)}: (self_rating: {opt(v[0])}, mentor_rating: {opt(v[1])}, evidence: {q(v[2] if len(v)>2 else "")})' for k,v in s["skills"].items())
    it=",\n".join(f'        {k}: (text: {q(t)}, status: {st})' for k,(t,st) in s["items"].items())
    return f'''    (
      id: {s["id"]}, date: {q(s["date"])}, label: {q(s["label"])}, target_role: {q(s["target"])},
      skills: {{
{sk}
      }},
      items: {{
{it}
      }},
      session: {opt(s.get("session"))},
    ),'''
def session(s):
    notes=",\n".join(f'        (id: {n[0]}, at: {q(n[1])}, text: {q(n[2])}, mentor_only: {"true" if n[3] else "false"})' for n in s["notes"])
    agenda=", ".join(q(a) for a in s["agenda"])
    return f'''    (
      id: {s["id"]}, started: {q(s["started"])}, ended: {opt(s.get("ended"), q)},
      agenda: [{agenda}],
      notes: [
{notes}
      ],
      summary: {q(s.get("summary",""))},
    ),'''
def plan(p):
    cs=[]
    for c in p.get("custom",[]):
        needs=", ".join(f'{q(k)}: {v}' for k,v in c["needs"].items())
        cs.append(f'    (id: {q(c["id"])}, name: {q(c["name"])}, description: {q(c["description"])}, needs: {{{needs}}}),')
    ms="\n".join(f'    (id: {m[0]}, title: {q(m[1])}, date: {q(m[2])}, reached: {"true" if m[3] else "false"}),' for m in p["milestones"])
    return f'''// {p["comment"]}
(
  format_version: 1,
  framework: (id: "trailmap-leadership"),
  person: (name: {q(p["name"])}, mentor: {q(p.get("mentor",""))}),
  current_role: {q(p["current"])},
  target_role: {q(p["target"])},
  target_date: {opt(p.get("target_date"), q)},
  skills: {skills_map(p["skills"])},
  custom_skills: [
{chr(10).join(cs)}
  ],
  checklist: [
{chr(10).join(item(i) for i in p["items"])}
  ],
  milestones: [
{ms}
  ],
  snapshots: [
{chr(10).join(snap(s) for s in p.get("snapshots",[]))}
  ],
  sessions: [
{chr(10).join(session(s) for s in p.get("sessions",[]))}
  ],
  private_notes: {q(p.get("private",""))},
  next_id: {p["next_id"]},
)
'''
priya = dict(comment="Example plan: a tech lead working toward engineering manager.",
 name="Priya Raman", current="tech-lead", target="engineering-manager", target_date="2027-06-30",
 skills={
  "communication": dict(self=3, will=4, evidence="Run the payments team's stand-up and fortnightly demo; wrote the incident summary for the March outage that support reused with customers."),
  "strategic-thinking": dict(self=2, will=3, evidence="Pushed back on rebuilding the ledger service and shipped a smaller fix first; still learning how the quarterly goals get set."),
  "influence": dict(self=3, will=5, evidence="Got three teams onto the shared retry library without anyone mandating it; mentoring two engineers."),
  "decision-making": dict(self=2, will=4, evidence="Make most design calls on the team, but I tend to wait for more data than we need."),
 },
 items=[
  dict(id=1, text="Find out why your current project matters to the business", skill="strategic-thinking", status="Done", created="2026-09-01", completed="2026-09-19", source="strat-know-the-why", notes="Ask the product lead which company goal the project serves and how it is measured.", evidence="Coffee with Sam (PM): the checkout work is tied to the Q1 conversion goal; now in our team doc."),
  dict(id=2, text="Walk the team through the strategy behind its work", skill="strategic-thinking", status="InProgress", due="2026-12-05", created="2026-09-01", source="strat-strategy-in-team-meetings", notes="Take 15 minutes of a team meeting to explain the product strategy and how our roadmap follows from it."),
  dict(id=3, text="Track the team's goals where everyone can see them", skill="strategic-thinking", status="Open", due="2026-11-15", created="2026-09-01", source="strat-team-goals-visible"),
  dict(id=4, text="Give each person specific feedback every week", skill="communication", role="engineering-manager", status="InProgress", created="2026-09-01", source="comm-regular-feedback", notes="Start with the two engineers I mentor; one concrete observation each, good or to improve."),
  dict(id=5, text="Hand over ownership of an outcome, not just tasks", skill="decision-making", role="engineering-manager", status="Open", due="2027-01-15", created="2026-09-01", source="dec-delegate-ownership", notes="Candidate: the fraud-rules migration, owned end to end by Tomás."),
  dict(id=6, text="Make a timely call when the facts are incomplete", skill="decision-making", status="Open", created="2026-09-01", source="dec-timely-call"),
  dict(id=7, text="Coach each person using the Skill-Will model", skill="influence", role="engineering-manager", status="Open", due="2027-02-01", created="2026-09-01", source="infl-skill-will"),
  dict(id=8, text="Ask my manager to let me run one performance review cycle with her", skill="decision-making", role="engineering-manager", status="Open", due="2027-03-31", created="2026-10-02", notes="Shadow first, then write one review draft myself."),
  dict(id=9, text="Compare options with data before you choose", skill="decision-making", status="Done", created="2026-09-01", completed="2026-10-20", source="dec-compare-options", evidence="Queue vs. cron write-up for the reconciliation job, with load numbers."),
 ],
 milestones=[(10, "Run team planning for Q1 on my own", "2027-01-10", False), (11, "First performance review cycle", "2027-04-15", False)],
 snapshots=[dict(id=12, date="2026-09-01", label="Start", target="engineering-manager",
   skills={"communication": (3, None, ""), "strategic-thinking": (1, None, ""), "influence": (3, None, ""), "decision-making": (2, None, "")},
   items={1: ("Find out why your current project matters to the business", "Open"), 2: ("Walk the team through the strategy behind its work", "Open"), 3: ("Track the team's goals where everyone can see them", "Open"), 4: ("Give each person specific feedback every week", "Open"), 5: ("Hand over ownership of an outcome, not just tasks", "Open"), 6: ("Make a timely call when the facts are incomplete", "Open"), 7: ("Coach each person using the Skill-Will model", "Open"), 9: ("Compare options with data before you choose", "Open")})],
 private="Not sure yet whether I'd miss coding too much. Revisit after the Q1 planning milestone.",
 next_id=13)

S1="2026-08-18T16:00:00"; S2="2026-09-22T16:00:00"; S3="2026-10-27T16:00:00"
MARCUS_SKILLS = {
  "communication": dict(self=3, mentor=3, will=4, evidence="Present the platform roadmap at the monthly product review; wrote the API deprecation guide partners praised.", mentor_note="Clear with engineers; still too much detail for execs."),
  "strategic-thinking": dict(self=3, mentor=2, will=5, evidence="Drafted the integration strategy options paper for the partner program.", mentor_note="Good options, but no recommendation; push him to commit."),
  "influence": dict(self=3, mentor=3, will=4, evidence="Brought sales and support into the beta planning; partner team now joins our review."),
  "decision-making": dict(self=2, mentor=3, will=3, evidence="Ran the build-vs-buy decision for feature flags.", mentor_note="Underrates himself here."),
  "product-discovery": dict(self=2, mentor=2, will=5, evidence="Sat in on six customer interviews with the PM."),
}
marcus = dict(comment="Example plan: a tech lead aiming at head of product, with a mentor, sessions and snapshots.",
 name="Marcus Okafor", mentor="Dana Whitfield", current="tech-lead", target="head-of-product", target_date="2028-03-31",
 skills=MARCUS_SKILLS,
 custom=[dict(id="product-discovery", name="Product discovery", description="Finding out what customers need before building: interviews, prototypes, experiments.", needs={"product-manager": 3, "head-of-product": 4})],
 items=[
  dict(id=1, text="Talk to customers regularly and write down what you learn", skill="strategic-thinking", role="product-manager", status="InProgress", due="2026-12-15", created="2026-08-18", source="strat-customer-conversations", session=20, notes="Two calls a month with partner engineers; notes in the discovery doc.", evidence="Four calls so far; two feature requests traced to the same root problem."),
  dict(id=2, text="Map your main competitors and where you differ", skill="strategic-thinking", role="product-manager", status="Done", created="2026-08-18", completed="2026-09-30", source="strat-competitor-map", session=20, evidence="One-page map shared in #product; used in the October pricing discussion."),
  dict(id=3, text="Draft a roadmap built around business outcomes", skill="strategic-thinking", role="product-manager", status="InProgress", due="2026-11-30", created="2026-09-22", source="strat-roadmap-outcomes", session=24),
  dict(id=4, text="Present a technical initiative in business terms", skill="communication", status="Done", created="2026-08-18", completed="2026-10-14", source="comm-business-terms", evidence="Framed the caching work as 'checkout 300 ms faster = +0.4% conversion' at the product review."),
  dict(id=5, text="Tailor one message for engineers, partner teams and executives", skill="communication", status="Open", due="2026-11-10", created="2026-09-22", source="comm-tailor-audience", session=24),
  dict(id=6, text="Prioritize the backlog on evidence, not on who asks loudest", skill="decision-making", role="product-manager", status="Open", due="2026-12-20", created="2026-10-27", source="dec-evidence-prioritization", session=28),
  dict(id=7, text="Make a timely call when the facts are incomplete", skill="decision-making", status="InProgress", created="2026-08-18", source="dec-timely-call"),
  dict(id=8, text="Negotiate an agreement with another team or a vendor", skill="influence", status="Dropped", created="2026-08-18", completed="2026-10-27", source="infl-negotiate", notes="Vendor contract moved to procurement; no longer mine to negotiate."),
  dict(id=9, text="Build a working relationship with product, design and sales", skill="influence", status="Done", created="2026-08-18", completed="2026-09-20", source="infl-cross-functional"),
  dict(id=10, text="Run one discovery interview on my own, with the PM observing", skill="product-discovery", role="product-manager", status="Open", due="2026-12-01", created="2026-10-27", session=28),
  dict(id=11, text="Shadow the head of product in one quarterly planning", skill="strategic-thinking", role="head-of-product", status="Open", due="2027-01-20", created="2026-10-27", session=28),
 ],
 milestones=[(12, "Move into the PM role for the partner platform", "2027-04-01", False), (13, "Own the partner platform roadmap", "2027-10-01", False), (14, "First discovery interview on my own", "2026-12-01", False)],
 sessions=[
  dict(id=20, started=S1, ended="2026-08-18T17:05:00", agenda=["First session: where you are and where you want to go", "Agree the first actions"], summary="Agreed the PM route first, then head of product. Start with customer contact and a competitor map.",
       notes=[(21, "2026-08-18T16:12:00", "Wants product, not people management; likes the 'why' more than the 'how'.", False), (22, "2026-08-18T16:40:00", "Gap is mostly strategy: has opinions, rarely writes them down as a recommendation.", True), (23, "2026-08-18T16:58:00", "Agreed: customer calls twice a month; competitor map by end of September.", False)]),
  dict(id=24, started=S2, ended="2026-09-22T16:50:00", agenda=["Overdue: none", "Largest gap: Strategic thinking (needs 5, self 2)", "Since last time: competitor map started"], summary="Good progress on the map; next is a roadmap draft and tailoring messages per audience.",
       notes=[(25, "2026-09-22T16:10:00", "Competitor map nearly done; found two segments we ignore.", False), (26, "2026-09-22T16:35:00", "Agreed: outcome-based roadmap draft by end of November.", False), (27, "2026-09-22T16:45:00", "Raised self rating in strategy to 3 — I'd keep it at 2 until the roadmap lands.", True)]),
  dict(id=28, started=S3, ended="2026-10-27T17:00:00", agenda=["Overdue: Tailor one message for engineers, partner teams and executives", "Largest gap: Strategic thinking (needs 5, self 3)", "Since last time: 2 actions done, 1 rating up"], summary="Business-terms talk went well. Next: evidence-based prioritization and a first solo discovery interview.",
       notes=[(29, "2026-10-27T16:05:00", "The product review talk landed; the CFO asked for the numbers afterwards.", False), (30, "2026-10-27T16:30:00", "Dropped the vendor negotiation: moved to procurement.", False), (31, "2026-10-27T16:50:00", "Agreed: backlog prioritization on evidence; discovery interview on his own; shadow quarterly planning.", False)]),
 ],
 snapshots=[
  dict(id=15, date="2026-08-18", label="Session 1", target="head-of-product", session=20,
   skills={"communication": (3, 2, ""), "strategic-thinking": (2, 2, ""), "influence": (2, 3, ""), "decision-making": (2, 2, ""), "product-discovery": (1, 1, "")},
   items={1: ("Talk to customers regularly and write down what you learn", "Open"), 2: ("Map your main competitors and where you differ", "Open"), 4: ("Present a technical initiative in business terms", "Open"), 7: ("Make a timely call when the facts are incomplete", "Open"), 8: ("Negotiate an agreement with another team or a vendor", "Open"), 9: ("Build a working relationship with product, design and sales", "Open")}),
  dict(id=16, date="2026-09-22", label="Session 2", target="head-of-product", session=24,
   skills={"communication": (3, 3, ""), "strategic-thinking": (3, 2, ""), "influence": (3, 3, ""), "decision-making": (2, 2, ""), "product-discovery": (1, 2, "")},
   items={1: ("Talk to customers regularly and write down what you learn", "InProgress"), 2: ("Map your main competitors and where you differ", "Done"), 3: ("Draft a roadmap built around business outcomes", "Open"), 4: ("Present a technical initiative in business terms", "InProgress"), 5: ("Tailor one message for engineers, partner teams and executives", "Open"), 7: ("Make a timely call when the facts are incomplete", "Open"), 8: ("Negotiate an agreement with another team or a vendor", "Open"), 9: ("Build a working relationship with product, design and sales", "Done")}),
  dict(id=17, date="2026-10-27", label="Session 3", target="head-of-product", session=28,
   skills={k: (v["self"], v["mentor"], v["evidence"]) for k, v in MARCUS_SKILLS.items()},
   items={1: ("Talk to customers regularly and write down what you learn", "InProgress"), 2: ("Map your main competitors and where you differ", "Done"), 3: ("Draft a roadmap built around business outcomes", "InProgress"), 4: ("Present a technical initiative in business terms", "Done"), 5: ("Tailor one message for engineers, partner teams and executives", "Open"), 6: ("Prioritize the backlog on evidence, not on who asks loudest", "Open"), 7: ("Make a timely call when the facts are incomplete", "InProgress"), 8: ("Negotiate an agreement with another team or a vendor", "Dropped"), 9: ("Build a working relationship with product, design and sales", "Done"), 10: ("Run one discovery interview on my own, with the PM observing", "Open"), 11: ("Shadow the head of product in one quarterly planning", "Open")}),
 ],
 private="Interviewing internally for the partner PM role in March — haven't told my manager yet.",
 next_id=32)
open(os.path.join(ROOT, 'saves/priya-tech-lead-to-em.ron'), 'w').write(plan(priya))
open(os.path.join(ROOT, 'saves/marcus-tech-lead-to-head-of-product.ron'), 'w').write(plan(marcus))
