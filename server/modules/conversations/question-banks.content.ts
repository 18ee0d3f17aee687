import type {
  ConversationKind,
  KindInfo,
  QuestionBankContent,
} from '../../../shared/schemas/conversations.ts';

/**
 * The built-in kinds and the first version of each question bank, written by us. Admins publish
 * later versions through the API; this file only seeds version 1 of a kind the first time it is
 * read, so editing it never changes a bank a conversation already used.
 */
export const kindInfos: Record<ConversationKind, KindInfo> = {
  initial: {
    kind: 'initial',
    label: 'First conversation',
    purpose:
      'Get to know each other as a working pair: what the engineer is aiming for, what keeps them going, how they learn best, what support helps, and how they read the career framework.',
    defaultMinutes: 60,
    cadence: 'Within two weeks of a new manager relationship starting',
  },
  where_now: {
    kind: 'where_now',
    label: 'Where you are now',
    purpose:
      'Build an honest, shared picture of the present: which work gives energy and which drains it, where learning happens and where it has stalled, and what feels missing. The manager mostly listens.',
    defaultMinutes: 60,
    cadence: 'Once a year, as the first part of the full career conversation',
  },
  where_to: {
    kind: 'where_to',
    label: 'Where you want to go',
    purpose:
      'Hear the engineer’s long-range hopes — three to ten years out — the people they look up to and what they would put first. Listen without judging whether it is realistic yet.',
    defaultMinutes: 60,
    cadence: 'Once a year, after “where you are now”',
  },
  close_gap: {
    kind: 'close_gap',
    label: 'Closing the gap',
    purpose:
      'Plan the route from now to the aspiration: what can happen in this role, what needs a different role, and what may need a different organisation. Produces or updates the development contract.',
    defaultMinutes: 60,
    cadence: 'Once a year, after the two conversations above',
  },
  quarterly: {
    kind: 'quarterly',
    label: 'Quarterly review',
    purpose:
      'Review progress against the development contract: the engineer’s self-assessment, the manager’s view, the gaps against the framework, adjustments to the plan, and a clear wrap-up.',
    defaultMinutes: 60,
    cadence: 'Every three months',
  },
  promotion: {
    kind: 'promotion',
    label: 'Promotion readiness',
    purpose:
      'Compare where the engineer is with what the next level expects, gather evidence, agree a realistic timeline and be candid about what is and is not in anyone’s control.',
    defaultMinutes: 60,
    cadence: 'When asked for, or when the engineer is getting close',
  },
  performance: {
    kind: 'performance',
    label: 'Performance conversation',
    purpose:
      'Talk plainly about a specific concern: what was expected, what happened, what it affects, and the support and timeline for improving. Shown to anyone outside the pair only as a check-in.',
    defaultMinutes: 45,
    cadence: 'As soon as a concern is clear — not saved up',
  },
  event: {
    kind: 'event',
    label: 'Career event',
    purpose:
      'Make sense of a significant change — a new role, a large project starting or ending, a move between tracks — and what it means for the plan.',
    defaultMinutes: 45,
    cadence: 'Whenever something significant happens',
  },
};

const prompts = (...texts: string[]) =>
  texts.map((text, index) => ({ key: `p${index + 1}`, text }));

export const defaultBanks: Record<ConversationKind, QuestionBankContent> = {
  initial: {
    engineerPrompts: prompts(
      'What would you like me to know about you that would not show up in your work so far?',
      'Which part of your job do you look forward to most in a normal week?',
      'Think of a time you grew quickly. What was around you that made it possible?',
      'How do you prefer to get feedback — written or spoken, straight away or after some thought?',
      'Where would you like to be in two or three years, even if the picture is still blurry?',
      'What did a previous manager do that really helped you? What would you rather not repeat?',
      'How familiar are you with our career framework, and what about it is unclear or feels off?',
      'What support or conditions do you need to do your best work here?',
      'Is there anything outside work that affects how and when you work, that you are happy to share?',
      'What would make these conversations worth your time?',
    ),
    managerGuide: [
      {
        key: 'connect',
        title: 'Getting to know each other',
        minutes: 15,
        prompts: [
          'Open by sharing a little about yourself and how you like to work, so it is not one-sided.',
          'Ask what drew them to this work in the first place and what still keeps them in it.',
          'Ask about a stretch where they learned a lot and what made it work.',
        ],
      },
      {
        key: 'direction',
        title: 'Direction and motivation',
        minutes: 20,
        prompts: [
          'Ask where they would like to be in a few years; accept a vague answer and note it.',
          'Ask which parts of the job give them energy and which they would happily hand over.',
          'Check how they understand the career framework and which level they think they are at.',
        ],
      },
      {
        key: 'working-together',
        title: 'How we will work together',
        minutes: 15,
        prompts: [
          'Agree how and how often they want feedback, and how they will tell you when something is wrong.',
          'Ask what a past manager did that helped, and what you should avoid.',
          'Explain how career conversations will run from here: cadence, prep, summaries, privacy.',
        ],
      },
      {
        key: 'wrap-up',
        title: 'Wrap-up',
        minutes: 5,
        prompts: [
          'Summarise what you heard in two or three sentences and ask if you got it right.',
          'Agree the date of the next conversation and anything either of you will do before it.',
        ],
      },
    ],
  },
  where_now: {
    engineerPrompts: prompts(
      'Looking back over the last few months, which work gave you the most energy?',
      'Which work drained you, and why do you think it did?',
      'Where are you learning right now? Where has it become routine?',
      'What are you proud of that you think nobody noticed?',
      'What is missing from your work at the moment?',
      'How sustainable is your current pace, honestly?',
      'How do you get on with the team and the people you work with most?',
      'If you could change one thing about your role tomorrow, what would it be?',
      'Is anything getting in the way that you have not mentioned yet?',
    ),
    managerGuide: [
      {
        key: 'present',
        title: 'The present, as they see it',
        minutes: 25,
        prompts: [
          'Ask which recent work gave them energy and which drained it; let them talk before you respond.',
          'Ask where they are learning and where things have become routine.',
          'Ask what feels missing, and stay with the answer before moving on.',
          'Ask how sustainable their pace is and what would make it easier.',
        ],
      },
      {
        key: 'depth',
        title: 'Going deeper',
        minutes: 20,
        prompts: [
          'Pick the strongest feeling you heard and ask for a concrete example.',
          'Ask what they are proud of that may not have been seen.',
          'Ask what one change to their role would make the biggest difference.',
          'Share, briefly, what you see going well — only after they have spoken.',
        ],
      },
      {
        key: 'wrap-up',
        title: 'Wrap-up',
        minutes: 5,
        prompts: [
          'Reflect back the picture you heard and correct it together.',
          'Agree anything to act on now, and when you will talk about where they want to go.',
        ],
      },
    ],
  },
  where_to: {
    engineerPrompts: prompts(
      'Imagine yourself five years from now on a good day at work. What are you doing?',
      'Who do you admire professionally, and what about them do you admire?',
      'Which kinds of problems would you love to be known for solving?',
      'Do you see yourself going deeper technically, leading people, or something else entirely?',
      'What would you give up for that future, and what would you not give up?',
      'What matters most to you right now: impact, title, pay, learning, balance or the team around you?',
      'Is there a path you have been curious about but never said out loud?',
      'What would make you feel you had wasted the next few years?',
      'Is that future possible here, as far as you can tell? Either answer is fine.',
    ),
    managerGuide: [
      {
        key: 'aspiration',
        title: 'Long-range hopes',
        minutes: 25,
        prompts: [
          'Ask them to describe a good working day five to ten years from now, in detail.',
          'Ask who they look up to and what exactly they admire.',
          'Ask which problems they would like to be known for.',
          'Resist judging feasibility; your job today is to understand, not to assess.',
        ],
      },
      {
        key: 'priorities',
        title: 'Priorities and trade-offs',
        minutes: 20,
        prompts: [
          'Ask what they would trade for that future and what is not negotiable.',
          'Offer the What Matters exercise if you have not done it together recently.',
          'Ask whether there is a path they have wondered about but never mentioned.',
          'Ask whether they think this future is possible here, and thank them for an honest answer.',
        ],
      },
      {
        key: 'wrap-up',
        title: 'Wrap-up',
        minutes: 5,
        prompts: [
          'Play back the aspiration in their words and check it.',
          'Agree when you will meet to plan how to close the gap.',
        ],
      },
    ],
  },
  close_gap: {
    engineerPrompts: prompts(
      'In one sentence, what capability do you most want to build next?',
      'What is the biggest gap between where you are and where you want to be?',
      'Which parts of that gap could you close in your current role?',
      'Which parts would need a different role or team here?',
      'Are there parts that might only be possible somewhere else? It is safe to say so.',
      'What would you commit to doing yourself over the next few months?',
      'What would you need from me or the organisation — projects, time, introductions, sponsorship?',
      'How would we both know the plan is working?',
      'When should we check progress?',
      'What worries you about this plan?',
    ),
    managerGuide: [
      {
        key: 'gap',
        title: 'Name the gap',
        minutes: 15,
        prompts: [
          'Restate the aspiration from the last conversation and ask if it still holds.',
          'Ask them to name the biggest gap first; then add your view.',
          'Sort the gap together: here in this role, here in another role, or elsewhere.',
        ],
      },
      {
        key: 'contract',
        title: 'Draft the development contract',
        minutes: 30,
        prompts: [
          'Agree one development goal in a single sentence that names a capability.',
          'Write down what you and the organisation will provide, with dates — these become your action items.',
          'Write down the engineer’s own commitments as concrete actions.',
          'Agree the evidence that will show it worked, and when you will review it.',
          'Say honestly what the organisation cannot offer or promise; “none known” must be a deliberate choice.',
        ],
      },
      {
        key: 'wrap-up',
        title: 'Wrap-up',
        minutes: 10,
        prompts: [
          'Read the contract back together and check both of you can agree to it.',
          'If the honest answer is “not here”, record it and talk about what support you can give.',
        ],
      },
    ],
  },
  quarterly: {
    engineerPrompts: prompts(
      'How did the last three months go against the goals we agreed?',
      'What are you most pleased with, and what evidence would you point to?',
      'Where did you fall short, and what got in the way?',
      'Which of my commitments to you helped, and which have not happened yet?',
      'Against the framework, where are you demonstrating the expectations consistently?',
      'Where are you showing signs but not yet consistently?',
      'Where is there still a clear gap?',
      'What should change in the plan for the next quarter?',
      'What support do you need next?',
      'How are you feeling about your work overall right now?',
    ),
    managerGuide: [
      {
        key: 'self-assessment',
        title: '1. Self-assessment',
        minutes: 15,
        prompts: [
          'Invite them to go first: how did the quarter go against the agreed goals?',
          'Listen; ask for examples; do not correct or add your view yet.',
        ],
      },
      {
        key: 'manager-assessment',
        title: '2. Your assessment',
        minutes: 15,
        prompts: [
          'Name two or three specific strengths with examples.',
          'Name one or two growth areas, each with an example and why it matters.',
          'Give your overall view of the trajectory: exceeding, solid, still developing, or concerns.',
        ],
      },
      {
        key: 'gap-analysis',
        title: '3. Gap analysis',
        minutes: 10,
        prompts: [
          'Go through the framework criteria that matter most for their goal.',
          'For each, agree together: demonstrating consistently, showing signs, or a gap.',
        ],
      },
      {
        key: 'plan',
        title: '4. Development plan',
        minutes: 15,
        prompts: [
          'Ask them to propose adjustments first.',
          'Agree two or three specific goals, each with a measure of success, the support needed and a check-in date.',
          'Check your own commitments from last time honestly: done, late, or dropped — and why.',
        ],
      },
      {
        key: 'wrap-up',
        title: '5. Wrap-up',
        minutes: 5,
        prompts: [
          'Recap who does what by when.',
          'Ask how the conversation felt and what would make the next one better.',
        ],
      },
    ],
  },
  promotion: {
    engineerPrompts: prompts(
      'Which level are you aiming for, and why now?',
      'Which expectations of that level do you already meet? What is your evidence?',
      'Which expectations are you least sure about?',
      'Who has seen your work at that level and could speak to it?',
      'What is your realistic timeline, and what is it based on?',
      'What do you understand about how promotion decisions are made here?',
      'What would you need from me to make a strong case?',
      'If the answer is “not yet”, what would help you hear it well?',
    ),
    managerGuide: [
      {
        key: 'readiness',
        title: 'Readiness against the next level',
        minutes: 25,
        prompts: [
          'Ask which expectations they believe they already meet and what shows it.',
          'Give your own view, expectation by expectation, with examples.',
          'Name the gaps plainly and say which are small and which are large.',
        ],
      },
      {
        key: 'evidence',
        title: 'Evidence and process',
        minutes: 20,
        prompts: [
          'Agree which evidence is still missing and how it could be gathered.',
          'Explain how decisions are actually made, who is involved and when.',
          'Be candid about what you control and what you do not.',
        ],
      },
      {
        key: 'timeline',
        title: 'Timeline and expectations',
        minutes: 15,
        prompts: [
          'Agree a realistic timeline, and what would move it earlier or later.',
          'Write down what you will do to support the case, with dates.',
          'Check how they feel about what they heard.',
        ],
      },
    ],
  },
  performance: {
    engineerPrompts: prompts(
      'How do you think things have been going over the last few weeks?',
      'Is there anything making work harder right now that I may not know about?',
      'What do you understand is expected of you in your role?',
      'Where do you think the gap between that and what has happened comes from?',
      'What support would help you most?',
      'What would a fair timeline for improvement look like to you?',
      'How would you like us to check in on progress?',
      'Is there anything you want to make sure is heard in this conversation?',
    ),
    managerGuide: [
      {
        key: 'concern',
        title: 'The concern, specifically',
        minutes: 15,
        prompts: [
          'State the concern in one or two sentences, with concrete examples and dates.',
          'Say what was expected and what actually happened, without labels about the person.',
          'Explain the impact on the team, customers or the work.',
          'Ask for their view and listen fully before responding.',
        ],
      },
      {
        key: 'support',
        title: 'Support and plan',
        minutes: 15,
        prompts: [
          'Ask what is making this hard and whether anything has changed for them.',
          'Agree specific expectations for the coming weeks.',
          'Agree the support you will provide, with dates.',
          'Be clear and calm about the consequences if things do not improve.',
        ],
      },
      {
        key: 'wrap-up',
        title: 'Wrap-up',
        minutes: 5,
        prompts: [
          'Agree when you will check in next and how progress will be judged.',
          'Ask how they are feeling and whether anything was left unsaid.',
        ],
      },
    ],
  },
  event: {
    engineerPrompts: prompts(
      'What has changed, in your own words?',
      'How do you feel about the change?',
      'What opportunities do you see in it?',
      'What worries you about it?',
      'How does it affect the goals we agreed?',
      'What do you need to get settled or up to speed?',
      'Who else should be involved in helping with this?',
      'What should we update in your plan?',
    ),
    managerGuide: [
      {
        key: 'change',
        title: 'Understanding the change',
        minutes: 15,
        prompts: [
          'Ask them to describe the change and how they feel about it.',
          'Ask what opportunities and what risks they see.',
          'Share what you know about the context, and what you do not.',
        ],
      },
      {
        key: 'plan',
        title: 'What it means for the plan',
        minutes: 20,
        prompts: [
          'Check each current goal: still relevant, needs changing, or no longer fits.',
          'Agree the support needed in the next few weeks.',
          'Agree any introductions or people who should be involved.',
        ],
      },
      {
        key: 'wrap-up',
        title: 'Wrap-up',
        minutes: 5,
        prompts: [
          'Summarise what changes in the plan and who does what.',
          'Agree when to check how the change is going.',
        ],
      },
    ],
  },
};
