function (doc, req) {
  // filters.by_requester — for replicating a team database into one requester's own
  // database (README, "Roles: requesters, agents, leads"). Install it in the same design
  // document as validate_doc_update, under "filters": {"by_requester": <this text>}, and
  // replicate with {"filter": "tackboard/by_requester", "query_params": {"requester": N}}.
  //
  // Passes the board's settings, and the tickets whose "requester" is N, their deletions
  // included (the app's deletions keep the ticket's members). A filter passes or holds back
  // whole documents: it cannot leave out internal comments or the settings' members.
  var wanted = req && req.query ? req.query.requester : null;
  if (!wanted) return false;
  if (doc._id === 'tackboard-config') return true;
  return doc.kind === 'ticket' && doc.requester === wanted;
}
