import type { PageRoute } from '../server.ts';
import { adoptPages } from './adopt.ts';
import { attachmentPages } from './attachment-pages.ts';
import { contactPages } from './contact.ts';
import { conversationPages } from './conversation.ts';
import { followPages } from './follows.ts';
import { hidePages } from './hide.ts';
import { myPages } from './my.ts';
import { practicePage } from './practice.ts';
import { practiceFormPages } from './practice-form.ts';
import { questionFormPages } from './question-forms.ts';
import { questionPage, questionsPage } from './questions.ts';
import { retirePages } from './retire-pages.ts';
import { reviewPages } from './review.ts';
import { searchPage } from './search.ts';
import { translationPages } from './translation-pages.ts';
import { unsubscribePages } from './unsubscribe.ts';

/** The knowledge platform's pages (`/knowledge/...`): every link of the knowledge emails opens one. */
export const knowledgePages: readonly PageRoute[] = [
  searchPage,
  // Before the practice page: `/knowledge/practices/new` is not a practice's id.
  ...practiceFormPages,
  practicePage,
  questionsPage,
  // Before the question page: `/knowledge/questions/new` is not a question's id.
  ...questionFormPages,
  questionPage,
  ...unsubscribePages,
  ...conversationPages,
  ...reviewPages,
  ...followPages,
  ...attachmentPages,
  ...translationPages,
  ...retirePages,
  // Contact a city, "we adopted this", the Secretariat's hiding, a representative's own list.
  ...contactPages,
  ...adoptPages,
  ...hidePages,
  ...myPages,
];
