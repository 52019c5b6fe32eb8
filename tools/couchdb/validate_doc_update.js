function (newDoc, oldDoc, userCtx, secObj) {
  // validate_doc_update — Tackboard's roles for a CouchDB database shared by requesters,
  // agents and leads (README, "Roles: requesters, agents, leads"). Install the text of this
  // file as the "validate_doc_update" member of a design document (e.g. _design/tackboard).
  // CouchDB calls it for every write, replication included, and refuses the write with a
  // 403 when it throws {forbidden: reason}; Tackboard shows that reason to the user.
  //
  //   database admin (or server admin): everything, and the only one who deletes documents;
  //   lead: everything but deleting;
  //   agent (a member with none of these roles counts as one, as in the app): everything
  //     but the board's settings ("tackboard-config") and deleting;
  //   requester (userCtx.name N): creates tickets whose "requester" is N, holding only what
  //     a request form sets (no assignee, labels, sprint, links, due date, rating or
  //     resolved_at; comments and history by N only, none internal); changes their own
  //     tickets only by adding public comments written by N, reopening a resolved ticket
  //     and rating it (satisfaction 1 to 5), with the history and clocks that go with these.
  //
  // What it cannot do: hide anything. Every member of a database reads every document in it,
  // internal comments included. The README says how to give requesters their own database.
  // Plain ES5: CouchDB's JavaScript engine may be an old SpiderMonkey.
  var ONLY_A_LEAD = "only a lead can change the board's settings";
  var OWN_NAME_ONLY = 'a requester can only submit requests in their own name';
  var OWN_REQUESTS_ONLY = 'a requester may only comment on, reopen or rate their own requests';
  var ONLY_ADMINS_DELETE = 'only a database admin can delete documents; close the ticket instead';
  var CONFIG_ID = 'tackboard-config';
  // What a requester's change may touch besides adding comments: members, history, clocks.
  var REQUESTER_FIELDS = ['comments', 'history', 'clocks', 'updated', 'status', 'resolved_at', 'satisfaction'];
  var REQUESTER_HISTORY = ['comment', 'status', 'satisfaction'];
  var REQUESTER_CLOCKS = ['comment', 'status', 'satisfaction', 'resolved_at'];
  // What the app's request form and its create write into a new ticket (the rest stays empty),
  // and why each member only the team sets is refused. The same words as serve.py's.
  var NEW_REQUEST_FIELDS = ['kind', 'type', 'title', 'description', 'status', 'priority', 'requester', 'fields',
    'comments', 'history', 'created', 'updated', 'clocks'];
  var TEAM_FIELDS_ON_CREATE = {
    assignee: 'a requester cannot assign a new request; leave the assignee empty',
    labels: 'a requester cannot label a new request; the team adds labels',
    sprint: 'a requester cannot put a new request in a sprint',
    links: 'a requester cannot link a new request to other tickets',
    due: 'a requester cannot give a new request a due date',
    rank: 'a requester cannot choose where a new request sits on the board',
    satisfaction: 'a new request cannot be rated yet; rate it once it is resolved',
    resolved_at: 'a new request cannot be resolved already',
    first_response_at: 'a new request cannot have an answer from the team yet',
    deleted: 'a requester cannot submit a deleted request'
  };
  var NOT_FROM_A_FORM = 'a new request can only hold what a request form sets';
  var NO_INTERNAL_COMMENTS = 'a requester cannot write internal comments; they are for the team';
  var OWN_COMMENTS_ONLY = 'a new request can only hold comments written by the requester';
  var OWN_HISTORY_ONLY = "a new request's history can only record what the requester did";

  function contains(list, item) { return !!list && list.indexOf(item) !== -1; }
  function refuse(reason) { throw({forbidden: reason}); }

  var roles = (userCtx && userCtx.roles) || [];
  var name = userCtx ? userCtx.name : null;
  function hasRole(role) { return contains(roles, role); }
  function isDatabaseAdmin() {
    if (hasRole('_admin')) return true;
    var admins = (secObj && secObj.admins) || {};
    if (name !== null && contains(admins.names, name)) return true;
    for (var i = 0; i < roles.length; i++) if (contains(admins.roles, roles[i])) return true;
    return false;
  }
  var admin = isDatabaseAdmin();
  var lead = admin || hasRole('lead');
  var requester = !lead && !hasRole('agent') && hasRole('requester');

  if (newDoc._deleted === true) {
    if (!admin) refuse(ONLY_ADMINS_DELETE);
    return;
  }
  if (newDoc._id === CONFIG_ID || newDoc.kind === 'config' || (oldDoc && oldDoc.kind === 'config')) {
    if (!lead) refuse(ONLY_A_LEAD);
    return;
  }
  if (!requester) return;

  // ----- a requester's write ---------------------------------------------
  var creating = !oldDoc || oldDoc._deleted === true;
  if (newDoc.kind !== 'ticket' || (creating && newDoc.requester !== name)) refuse(OWN_NAME_ONLY);
  if (creating) {
    var problem = newRequestProblem();
    if (problem) refuse(problem);
    return;
  }
  if (oldDoc.kind !== 'ticket' || oldDoc.requester !== name) refuse(OWN_REQUESTS_ONLY);

  // Empty members (null, "", 0, false, [], {}) count as absent: the app leaves them out.
  function isEmpty(value) {
    if (value === null || value === undefined || value === '' || value === 0 || value === false) return true;
    if (typeof value !== 'object') return false;
    for (var key in value) if (value.hasOwnProperty(key)) return false;
    return true;
  }
  function canonical(value) {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    var parts = [];
    if (Array.isArray(value)) {
      for (var i = 0; i < value.length; i++) parts.push(canonical(value[i]));
      return '[' + parts.join(',') + ']';
    }
    var keys = [];
    for (var key in value) if (value.hasOwnProperty(key) && !isEmpty(value[key])) keys.push(key);
    keys.sort();
    for (var k = 0; k < keys.length; k++) parts.push(JSON.stringify(keys[k]) + ':' + canonical(value[keys[k]]));
    return '{' + parts.join(',') + '}';
  }
  function same(a, b) {
    return (isEmpty(a) && isEmpty(b)) || canonical(a) === canonical(b);
  }
  function list(value) { return Array.isArray(value) ? value : []; }
  function isObject(value) { return !!value && typeof value === 'object' && !Array.isArray(value); }

  // Why newDoc cannot be a requester's new ticket, or null. Unlike serve.py this cannot read
  // the board's settings, so it does not check that the status is a to-do one nor that the
  // priority is the board's default: a requester may start a ticket in any status with any
  // priority here.
  function newRequestProblem() {
    for (var member in newDoc) {
      if (newDoc.hasOwnProperty(member) && member.charAt(0) !== '_' && !contains(NEW_REQUEST_FIELDS, member) &&
          !isEmpty(newDoc[member]))
        return TEAM_FIELDS_ON_CREATE.hasOwnProperty(member) ? TEAM_FIELDS_ON_CREATE[member] : NOT_FROM_A_FORM;
    }
    return newCommentsProblem(newDoc.comments) || newHistoryProblem(newDoc.history);
  }
  function newCommentsProblem(comments) {
    if (isEmpty(comments)) return null;
    if (!Array.isArray(comments)) return OWN_COMMENTS_ONLY;
    var j;
    for (j = 0; j < comments.length; j++) if (!isObject(comments[j])) return OWN_COMMENTS_ONLY;
    for (j = 0; j < comments.length; j++) if (comments[j].internal) return NO_INTERNAL_COMMENTS;
    for (j = 0; j < comments.length; j++) if (comments[j].author !== name) return OWN_COMMENTS_ONLY;
    return null;
  }
  function aboutInternalComment(entry) {
    return entry.field === 'comment' && ((isObject(entry['new']) && entry['new'].internal === true) ||
                                         (isObject(entry.old) && entry.old.internal === true));
  }
  function newHistoryProblem(history) {
    if (isEmpty(history)) return null;
    if (!Array.isArray(history)) return OWN_HISTORY_ONLY;
    var j;
    for (j = 0; j < history.length; j++) if (!isObject(history[j])) return OWN_HISTORY_ONLY;
    for (j = 0; j < history.length; j++) if (aboutInternalComment(history[j])) return NO_INTERNAL_COMMENTS;
    for (j = 0; j < history.length; j++) if (history[j].by !== name) return OWN_HISTORY_ONLY;
    return null;
  }

  var key;
  for (key in newDoc) {
    if (newDoc.hasOwnProperty(key) && key.charAt(0) !== '_' && !contains(REQUESTER_FIELDS, key) &&
        !same(newDoc[key], oldDoc[key])) refuse(OWN_REQUESTS_ONLY);
  }
  for (key in oldDoc) {
    if (oldDoc.hasOwnProperty(key) && key.charAt(0) !== '_' && !contains(REQUESTER_FIELDS, key) &&
        !newDoc.hasOwnProperty(key) && !isEmpty(oldDoc[key])) refuse(OWN_REQUESTS_ONLY);
  }

  // Reopening: a validation function cannot read the board's settings, but a ticket carries
  // "resolved_at" exactly while its status is a done one, and loses it when reopened.
  var reopened = !same(newDoc.status, oldDoc.status);
  if (reopened && (isEmpty(oldDoc.resolved_at) || !isEmpty(newDoc.resolved_at) || typeof newDoc.status !== 'string'))
    refuse(OWN_REQUESTS_ONLY);
  if (!reopened && !same(newDoc.resolved_at, oldDoc.resolved_at)) refuse(OWN_REQUESTS_ONLY);
  var rating = newDoc.satisfaction || 0;
  if (typeof rating !== 'number' || rating % 1 !== 0 || rating < 0 || rating > 5) refuse(OWN_REQUESTS_ONLY);

  // Comments: every stored one kept as it is; new ones public and written by the requester.
  var internalIds = {};
  var before = {};
  var oldComments = list(oldDoc.comments);
  var i;
  for (i = 0; i < oldComments.length; i++) {
    if (oldComments[i] && oldComments[i].internal === true) internalIds[oldComments[i].id] = true;
    if (oldComments[i]) before[oldComments[i].id] = oldComments[i];
  }
  var sentComments = newDoc.comments === undefined ? [] : newDoc.comments;
  if (!Array.isArray(sentComments)) refuse(OWN_REQUESTS_ONLY);
  var kept = 0;
  var seen = {};
  for (i = 0; i < sentComments.length; i++) {
    var comment = sentComments[i];
    if (!comment || typeof comment !== 'object' || seen.hasOwnProperty(comment.id)) refuse(OWN_REQUESTS_ONLY);
    seen[comment.id] = true;
    if (before.hasOwnProperty(comment.id)) {
      if (!same(comment, before[comment.id])) refuse(OWN_REQUESTS_ONLY);
      kept++;
    } else if (typeof comment.id !== 'string' || comment.id === '' || comment.internal || comment.author !== name) {
      refuse(OWN_REQUESTS_ONLY);
    }
  }
  var stored = 0;
  for (key in before) if (before.hasOwnProperty(key)) stored++;
  if (kept !== stored) refuse(OWN_REQUESTS_ONLY);

  // History: every stored entry still there; new ones record a comment, reopening or rating.
  var left = {};
  var oldHistory = list(oldDoc.history);
  for (i = 0; i < oldHistory.length; i++) {
    var entry = oldHistory[i];
    if (entry && entry.field === 'comment' && entry['new'] && entry['new'].internal === true)
      internalIds[entry['new'].id] = true;
    left[canonical(entry)] = (left[canonical(entry)] || 0) + 1;
  }
  var sentHistory = newDoc.history === undefined ? [] : newDoc.history;
  if (!Array.isArray(sentHistory)) refuse(OWN_REQUESTS_ONLY);
  for (i = 0; i < sentHistory.length; i++) {
    var item = sentHistory[i];
    var text = canonical(item);
    if (left[text] > 0) {
      left[text]--;
      continue;
    }
    if (!item || !contains(REQUESTER_HISTORY, item.field)) refuse(OWN_REQUESTS_ONLY);
    var about = item.field === 'comment' ? (item['new'] || item.old || {}) : {};
    if (about.internal === true || internalIds[about.id] === true) refuse(OWN_REQUESTS_ONLY);
  }
  for (key in left) if (left.hasOwnProperty(key) && left[key] > 0) refuse(OWN_REQUESTS_ONLY);

  // Clocks: only those of the fields a requester may change move.
  var oldClocks = oldDoc.clocks || {};
  var newClocks = newDoc.clocks || {};
  if (typeof newClocks !== 'object' || Array.isArray(newClocks)) refuse(OWN_REQUESTS_ONLY);
  for (key in newClocks)
    if (newClocks.hasOwnProperty(key) && !contains(REQUESTER_CLOCKS, key) && !same(newClocks[key], oldClocks[key]))
      refuse(OWN_REQUESTS_ONLY);
  for (key in oldClocks)
    if (oldClocks.hasOwnProperty(key) && !contains(REQUESTER_CLOCKS, key) && !same(newClocks[key], oldClocks[key]))
      refuse(OWN_REQUESTS_ONLY);
}
