// The scripts Dialdeck ships, written for it: editable in the app and restorable to this text.
import type { Situation } from './scripts';

export interface StarterScript {
  key: string;
  name: string;
  situation: Situation;
  body: string;
}

export const STARTER_SCRIPTS: readonly StarterScript[] = [
  {
    key: 'first-call',
    name: 'First call',
    situation: 'first_call',
    body: `## Opening: the up-front contract
Hi {{contact.firstName}}, it's {{me.name}}. Did I catch you at a bad time?

I'm calling because we help teams like {{contact.company | possessive}} get more conversations out of every
calling hour. Could we take three minutes to see whether that is even relevant to you? If it isn't,
just say so and I'll leave you alone. If it might be, we can agree on a next step. Fair?

## Discovery
- How does your team decide who to call next today?
- What happens to a callback someone promised on Friday afternoon?
- When a call goes well, what does the next step usually look like?
- Who else would need to be part of a decision like this?

## Objections
### Price
Pre-handle: Early on, say that most teams pay for it out of the hours they stop losing.
Answer: Fair question. Before we talk numbers, how many callbacks a week slip today? If it's even two, let's work out what those are worth.

### Send me an email
Pre-handle: Offer the summary email yourself at the end, so it is your idea, not their exit.
Answer: Happy to. So it isn't another email you delete, what would need to be in it to be worth ten minutes of your week?

### We already have a supplier
Pre-handle: Ask early what they use today and what they would change about it.
Answer: Makes sense, most teams we talk to do. What's the one thing you'd change about it if you could?

### Not a good time
Pre-handle: The opening asks "did I catch you at a bad time?" so they can say so at once.
Answer: No problem. When is better, today at four or tomorrow morning? I'll call exactly then.

## Close: the next up-front contract
So the next step is: {{lastCall.nextStep}}. Let's put it in the diary now: what day and time
works, and who else should be there? At the end of that call, we'll decide together whether to
go further or stop. Does that sound fair?
`,
  },
  {
    key: 'follow-up',
    name: 'Follow-up after a proposal',
    situation: 'follow_up',
    body: `## Opening: what we agreed
Hi {{contact.firstName}}, it's {{me.name}}. When we spoke on {{lastCall.date}} we agreed that
today we would {{lastCall.nextStep}}. Is that still the plan for this call?

By the end of it, let's decide together: go ahead, change something, or stop. Is that fair?

## Discovery
- What did you and your team think of the proposal?
- Which part would you change if it were yours to write?
- What would have to be true for this to go ahead this quarter?

## Objections
### We need more time
Pre-handle: Agree the decision date in the opening, so time is already on the table.
Answer: Of course. What exactly needs to happen in that time, and who does it? Let's put a date on it.

### It's more than we budgeted
Pre-handle: Recap the cost of the problem before you mention the price again.
Answer: Understood. Which part of the proposal matters least to you? We can shape it around the budget you have.

## Close: the next up-front contract
So the next step is: ____. Let's book it now: day, time, and who else joins. At the end of that
call we decide yes or no. Fair?
`,
  },
  {
    key: 'voicemail',
    name: 'Voicemail',
    situation: 'voicemail',
    body: `## Voicemail
Hi {{contact.firstName}}, this is {{me.name}}. I have one idea that could save {{contact.company}}
time on its calls. My number is {{me.phone}}. Once more: {{me.phone}}. Thanks, {{contact.firstName}}.
`,
  },
  {
    key: 'complaint',
    name: 'Complaint recovery',
    situation: 'complaint',
    body: `## Listen
{{contact.firstName}}, thank you for taking my call. I'd like to hear exactly what happened, from
the start. Take your time.

- [ ] Let them vent: do not interrupt, do not defend
- [ ] Show empathy: "I understand how frustrating that must have been"
- [ ] Thank them for telling us

## Understand
- [ ] Paraphrase what you heard and ask if you got it right
- [ ] Reassure them: "I'm going to make sure this is put right"
- [ ] Document the facts in the notes: what, when, who, what it cost them

## Put it right
- [ ] Say the steps you will take, one by one
- [ ] Agree follow-up times: a call on ____ and an email by ____
- [ ] Close the loop: call back when it is done, and ask if it is

Before you hang up: "Is there anything else I should know, {{contact.firstName}}?"
`,
  },
];
