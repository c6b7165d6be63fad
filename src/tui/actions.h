/* Every action of the full-screen client, grouped, with the name used in
 * commands and the text of the help screen and kam(1). This one list makes
 * enum kam_action, the help view and the manual's key list (tig's way). */
#ifndef KAM_TUI_ACTIONS_H
#define KAM_TUI_ACTIONS_H

#define KAM_ACTIONS(GROUP, ACT) \
	GROUP("Moving") \
	ACT(MOVE_DOWN, "move-down", "Move the cursor one line down") \
	ACT(MOVE_UP, "move-up", "Move the cursor one line up") \
	ACT(MOVE_HALF_DOWN, "move-half-down", "Move half a screen down") \
	ACT(MOVE_HALF_UP, "move-half-up", "Move half a screen up") \
	ACT(MOVE_PAGE_DOWN, "move-page-down", "Move a screen down") \
	ACT(MOVE_PAGE_UP, "move-page-up", "Move a screen up") \
	ACT(MOVE_FIRST, "move-first", "Go to the first line") \
	ACT(MOVE_LAST, "move-last", "Go to the last line") \
	ACT(MOVE_LEFT, "move-left", \
	    "Scroll the list's columns left; the previous tab on the account screen; " \
	    "in the merge view, keep the winner's value") \
	ACT(MOVE_RIGHT, "move-right", \
	    "Scroll the list's columns right; the next tab on the account screen; " \
	    "in the merge view, take the loser's value") \
	ACT(SCROLL_LEFT, "scroll-left", \
	    "Scroll a table's columns left: back to those a < says lie off the left") \
	ACT(SCROLL_RIGHT, "scroll-right", \
	    "Scroll a table's columns right, when a > at the header's end says more lie there") \
	GROUP("Screens") \
	ACT(ENTER, "enter", \
	    "Open what is under the cursor: an account, an entry in full; edit a plan action or a service level; " \
	    "in the merge view, flip the field's winner") \
	ACT(BACK, "back", \
	    "On the list q quits and Esc clears the search; else back, or cancel a running query") \
	ACT(QUIT, "quit", "Quit kam") \
	ACT(TAB_NEXT, "tab-next", "Next tab of the account screen") \
	ACT(TAB_PREV, "tab-prev", "Previous tab of the account screen") \
	ACT(TAB_1, "tab-overview", "Overview tab") \
	ACT(TAB_2, "tab-contacts", "Contacts tab") \
	ACT(TAB_3, "tab-conditions", "Conditions tab") \
	ACT(TAB_4, "tab-service-level", "Service level tab") \
	ACT(TAB_5, "tab-plan", "Plan tab") \
	ACT(TAB_6, "tab-history", "History tab") \
	ACT(TAB_7, "tab-orders", "Orders and invoices tab") \
	ACT(TAB_8, "tab-feedback", "Feedback tab") \
	ACT(TAB_9, "tab-changes", "Changes tab: who changed what, old and new values") \
	ACT(HELP, "help", "Show this help") \
	ACT(RELOAD, "reload", "Redraw the screen and read every open screen again from the database") \
	GROUP("Searching and commands") \
	ACT(SEARCH, "search", \
	    "Search: on the list as you type (name, ERP id, city, VAT id), else the lines shown") \
	ACT(SEARCH_NEXT, "search-next", "Next match of the search") \
	ACT(SEARCH_PREV, "search-prev", "Previous match of the search") \
	ACT(COMMAND, "command", "Enter a command (see Commands)") \
	GROUP("Account list") \
	ACT(SORT_NEXT, "sort-next", "Sort by the next column") \
	ACT(SORT_PREV, "sort-prev", "Sort by the previous column") \
	ACT(SORT_REVERSE, "sort-reverse", "Reverse the sort order") \
	ACT(FILTER_MINE, "filter-mine", "Show only my accounts, or all again") \
	ACT(FILTER, "filter", "Start a :filter command; on the list it holds the filter in force, to add to") \
	ACT(FOLD_GROUPS, "fold-groups", \
	    "Fold account groups: only accounts without a parent you may read, a group's " \
	    "size beside its name; again shows every account") \
	ACT(FOLD_OPEN, "fold-open", \
	    "In the folded list: show the group under the cursor, its members indented " \
	    "beneath it, or fold it again") \
	ACT(BRIEF, "brief", \
	    "Write the annual-talk brief of the account under the cursor or open: a PDF " \
	    "(Markdown without groff) in $XDG_DATA_HOME/kam/briefs; the status line says where") \
	GROUP("History and feedback") \
	ACT(FILTER_CHANNEL, "filter-channel", "Show the next channel only (call, email, ...), then all") \
	ACT(FILTER_FEEDBACK, "filter-feedback", "Show the next feedback kind only, then all") \
	ACT(FEEDBACK_NEXT, "feedback-next", \
	    "Move the feedback under the cursor to its loop's next step: new, acknowledged, " \
	    "in progress; answered to closed; closed back to in progress (asks first)") \
	ACT(FEEDBACK_ANSWER, "feedback-answer", \
	    "Answer the feedback under the cursor: starts :answer TEXT, which logs TEXT as an " \
	    "outbound entry to its contact and marks it answered; on a topic of the cloud, an " \
	    "announcement: one message to every customer who raised it, a dry run first, " \
	    "the contacts told as CSV in $XDG_DATA_HOME/kam/announcements") \
	ACT(FEEDBACK_TOPICS, "feedback-topics", \
	    "Set the topics of the feedback under the cursor: starts :topics A, B (a new name " \
	    "is proposed as a topic)") \
	ACT(FEEDBACK_OWNER, "feedback-owner", \
	    "Hand the feedback under the cursor on: starts :owner LOGIN") \
	GROUP("Agenda") \
	ACT(AGENDA, "agenda", \
	    "Show my agenda: follow-ups, plan actions, annual talks and cadence alarms that are due") \
	ACT(FILTER_OVERDUE, "filter-overdue", "On the agenda: only what is overdue, or all again") \
	GROUP("Portfolio") \
	ACT(PORTFOLIO, "portfolio", \
	    "Show the portfolio: each account's revenue against target, 24 months, " \
	    "overdue money, talk, last contact, complaints and cadence alarms") \
	GROUP("Voice of the customer") \
	ACT(VOC, "voc", \
	    "Show the cloud: the topics customers raised (:voc 90d, year, all; mine, " \
	    "team, everyone), green praise, orange ideas, red complaints, and the open " \
	    "items by due time; Tab moves between them, m changes whose accounts") \
	ACT(VOC_MEASURES, "voc-measures", \
	    "On the cloud: the loop's measures for the period and reach (items by kind, " \
	    "share answered in time, median time to acknowledge and to answer, ideas " \
	    "adopted) in place of the open items, or the open items again") \
	GROUP("Support queue") \
	ACT(SLA_CARD, "sla-card", \
	    "On the support queue (:queue): show or hide the SLA card of the ticket's " \
	    "account, beside the queue from 110 columns, below it on a narrower screen") \
	GROUP("Merging duplicates") \
	ACT(MERGE, "merge", \
	    "On the duplicates (:quality, Tab): merge the pair under the cursor, both " \
	    "side by side; on Contacts: mark the contact, then J on the other merges them; " \
	    "in the merge view: merge (asks first)") \
	ACT(MERGE_SWAP, "merge-swap", \
	    "In the merge view: swap winner and loser (the loser is left a tombstone)") \
	ACT(UNMERGE, "unmerge", \
	    "In the merge view: undo the merge just made; on an account: show the last " \
	    "merge into it, to undo (asks first)") \
	GROUP("Plan") \
	ACT(YEAR_PREV, "plan-year-prev", "On the Plan tab: the plan of the year before") \
	ACT(YEAR_NEXT, "plan-year-next", \
	    "On the Plan tab: the plan of the year after (P then prepares it)") \
	GROUP("Editing (prompts and forms)") \
	ACT(CURSOR_LEFT, "cursor-left", \
	    "Move the cursor one character left; in a choice, the previous value") \
	ACT(CURSOR_RIGHT, "cursor-right", \
	    "Move the cursor one character right; in a choice, the next value") \
	ACT(CURSOR_HOME, "cursor-home", "Go to the start of the line") \
	ACT(CURSOR_END, "cursor-end", "Go to the end of the line") \
	ACT(ERASE, "erase", "Delete the character before the cursor") \
	ACT(DELETE, "delete", "Delete the character under the cursor") \
	ACT(KILL_TO_START, "kill-to-start", "Delete from the start of the line to the cursor") \
	ACT(KILL_TO_END, "kill-to-end", "Delete from the cursor to the end of the line") \
	ACT(ERASE_WORD, "erase-word", "Delete the word before the cursor") \
	ACT(ACCEPT, "accept", \
	    "Run the command or search; in a form, save (in long text: a new line)") \
	ACT(CANCEL, "cancel", \
	    "Close the prompt; in a form, close it (asks first when something changed)") \
	GROUP("Forms") \
	ACT(FORM_LOG, "log-interaction", \
	    "Log an interaction on this account (support: a ticket)") \
	ACT(FORM_ADD, "add", \
	    "Add a row on this tab: a contact, a condition, a service level, a plan action; " \
	    "on a calendar (:calendars) a holiday, or on a window's row a window") \
	ACT(FORM_EDIT, "edit", \
	    "Edit the row under the cursor; on Overview the account; " \
	    "on History and Feedback correct your own entry") \
	ACT(FORM_DEACTIVATE, "deactivate", \
	    "Deactivate a contact, end a condition today, drop a plan action, delete a " \
	    "calendar's holiday or window (asks first)") \
	ACT(FORM_COMPLETE, "complete", \
	    "Mark the plan action under the cursor done today, or the follow-up under the cursor " \
	    "done (on the agenda and History; a done one not done again); asks first") \
	ACT(FORM_CLOSE_COMPLAINT, "close-complaint", \
	    "On History and Feedback: close the complaint under the cursor with its outcome, " \
	    "or reopen a closed one") \
	ACT(FORM_PLAN, "edit-plan", \
	    "On the Plan tab: the plan of the year shown, made when there is none, else edited") \
	ACT(FORM_TEAM, "edit-team", \
	    "On the Overview: a role of the account team, its person and deputy (:team ROLE)") \
	ACT(DRAFT_DISCARD, "discard-draft", \
	    "On the drafts screen: discard the draft under the cursor (asks first)") \
	ACT(FIELD_NEXT, "field-next", "Next field") \
	ACT(FIELD_PREV, "field-prev", "Previous field") \
	ACT(LINE_DOWN, "line-down", "The next line of long text, else the next field") \
	ACT(LINE_UP, "line-up", "The line above in long text, else the previous field") \
	ACT(FORM_SAVE, "save", "Save the form") \
	ACT(FORM_EDITOR, "external-editor", \
	    "Edit the long text field in $VISUAL or $EDITOR") \
	GROUP("Questions") \
	ACT(ANSWER_YES, "yes", "Yes: do what the question on the bottom line asks") \
	ACT(ANSWER_NO, "no", "No: leave things as they are (also closes the conflict dialog)") \
	ACT(ANSWER_OPEN, "open-instead", \
	    "When a form warns that the account or contact looks like one on record: " \
	    "open that one instead of saving (the form's text is kept as a draft)") \
	ACT(CONFLICT_RELOAD, "conflict-reload", \
	    "In the conflict dialog: load theirs into the form, dropping your changes") \
	ACT(CONFLICT_THEIRS, "conflict-keep-theirs", \
	    "In the conflict dialog: keep theirs and close the form") \
	ACT(CONFLICT_MERGE, "conflict-apply-mine", \
	    "In the conflict dialog: theirs plus the fields you changed, saved again")

#define KAM_ACTION_ENUM(id, name, help) ACT_##id,
#define KAM_NO_GROUP(title)

/* Where a key is looked up: the screens, the line editor of prompts and
 * forms (where characters are text), and the questions. */
enum kam_key_context { KC_SCREEN, KC_EDIT, KC_QUESTION };

enum kam_action {
	ACT_NONE,
	KAM_ACTIONS(KAM_NO_GROUP, KAM_ACTION_ENUM)
	ACT_COUNT
};

#endif
