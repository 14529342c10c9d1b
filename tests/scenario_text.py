"""Small scenario texts for tests."""

MINIMAL = """\
format: 1
id: tiny
title: Tiny drill
duration: 30m
roles:
  comms: {name: Communications}
  support: {name: Support}
channels:
  status_page: {audience: public, max_chars: 1500}
  chat: {audience: internal}
facts: {phase: investigating}
objectives: {first-public: Post within 10 minutes.}
injects:
  - id: alert-1
    at: 0m
    type: alert
    from: Monitoring
    to: [comms]
    text: Errors are up.
    expects: {role: comms, channel: status_page, within: 5m, objective: first-public}
  - id: ticket-1
    at: 2m
    type: ticket
    from: A customer
    to: [support]
    text: Is it down?
    expects: {role: support, channel: chat, within: 5m}
  - id: chatter
    at: 1m
    type: social_post
    from: "@someone"
    text: Down again?
    repeat: {every: 1m, count: 5, until: {posted: status_page}}
  - id: nudge
    at: 6m
    unless: {posted: status_page}
    type: chat
    from: Support lead
    text: Please post something.
  - id: thanks
    after: {posted: status_page, delay: 2m}
    type: chat
    from: Support lead
    text: Thanks for posting.
  - id: follow
    after: {inject: ticket-1, delay: 3m}
    type: fact_update
    text: "Now {fact.customers} customers."
    facts: {customers: 1200}
"""
