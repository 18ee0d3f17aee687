import type { ListeningGuide } from '../../../shared/schemas/conversations.ts';

/**
 * Signals worth exploring during a career conversation and a question that tends to bring out
 * what sits behind each one. Written by us; shown in conversation mode.
 */
export const listeningGuide: ListeningGuide = {
  intro:
    'What people say first is often not the whole story. When you notice one of these, slow down and ask — do not diagnose. Aim for them to talk about 70% of the time.',
  signals: [
    {
      key: 'boredom',
      signal: 'Complaints about the work, the process or the tools',
      whatItMayMean:
        'Dissatisfaction is sometimes boredom: the work has stopped stretching them and the friction is what they notice.',
      question: 'When did you last finish a week feeling you had learned something new?',
    },
    {
      key: 'ambition',
      signal: 'Frustration with decisions, pace or other people',
      whatItMayMean:
        'Frustration can be ambition without an outlet — they want more scope or influence than they have.',
      question: 'If you had the final say here, what would you change first, and why?',
    },
    {
      key: 'burnout',
      signal: 'Flat, short answers; less care about things they used to care about',
      whatItMayMean:
        'Disengagement can be exhaustion rather than lack of interest. Treat it gently and check load first.',
      question: 'How has your energy been lately, compared with a few months ago?',
    },
    {
      key: 'polished',
      signal: 'An answer that sounds rehearsed or too tidy',
      whatItMayMean:
        'A polished answer can be what they think you want to hear, or protection against a riskier one.',
      question: 'That sounds well thought through. What is the part of it you are less sure about?',
    },
    {
      key: 'comparison',
      signal: 'Frequent mentions of what colleagues got — projects, titles, pay',
      whatItMayMean:
        'Comparison often points at a value that feels unmet, such as recognition or fairness.',
      question: 'What would feel fair to you, and what would it say about how your work is seen?',
    },
    {
      key: 'hedging',
      signal: '“I am fine with anything” or no preference at all',
      whatItMayMean:
        'Indifference can hide a wish they do not feel safe saying, or a career direction they have not allowed themselves to consider.',
      question: 'If nobody would be disappointed by your answer, what would you pick?',
    },
    {
      key: 'outside',
      signal: 'Sudden interest in other teams, companies or roles',
      whatItMayMean:
        'Looking around is information, not disloyalty: something they want may not be visible here.',
      question: 'What do those options have that you are not finding in your current work?',
    },
  ],
};
