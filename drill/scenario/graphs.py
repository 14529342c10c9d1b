"""Walks over the reference graphs of a scenario, without recursion and in linear time.

Two graphs are walked when a scenario loads: the ``after: {inject: ID}`` links
(each inject follows at most one other) and the placeholders that org and persona
values use to name each other. A file of a megabyte can hold a hundred thousand
links, so nothing here recurses or revisits a node.
"""

from __future__ import annotations

from typing import Callable, Hashable, Iterable, Mapping, TypeVar

Node = TypeVar("Node", bound=Hashable)


def post_order(nodes: Iterable[Node], edges: Callable[[Node], Iterable[Node]],
               max_cycles: int = 20) -> tuple[list[Node], list[list[Node]]]:
    """Every node after all the nodes it reaches (a depth-first post-order), and the cycles met.

    ``edges(node)`` lists the nodes that ``node`` refers to; only nodes of ``nodes``
    are followed. Each cycle found is given once, as the nodes along it in the order
    the references go, starting from the first one walked; a dense graph has more
    cycles than anyone reads, so at most ``max_cycles`` are given. O(nodes + edges).
    """
    order: list[Node] = []
    cycles: list[list[Node]] = []
    roots = list(nodes)
    known = set(roots)
    state: dict[Node, int] = {}  # 1: on the current path, 2: done
    for root in roots:
        if root in state:
            continue
        path: list[Node] = [root]
        place: dict[Node, int] = {root: 0}  # node -> its index in path
        stack = [iter(edges(root))]
        state[root] = 1
        while stack:
            for target in stack[-1]:
                if target not in known:
                    continue
                mark = state.get(target)
                if mark is None:
                    state[target] = 1
                    place[target] = len(path)
                    path.append(target)
                    stack.append(iter(edges(target)))
                    break
                if mark == 1 and len(cycles) < max_cycles:
                    cycles.append(path[place[target]:])
            else:
                stack.pop()
                done = path.pop()
                del place[done]
                state[done] = 2
                order.append(done)
    return order, cycles


def follow_links(parent: Mapping[Node, Node]) -> tuple[list[Node], list[list[Node]]]:
    """For a graph where each node links to at most one other (``parent``): the nodes in an
    order where each comes after the node it links to, and each cycle once. O(nodes)."""
    order: list[Node] = []
    cycles: list[list[Node]] = []
    state: dict[Node, int] = {}  # 1: on the current walk, 2: placed
    for start in parent:
        if start in state:
            continue
        walk: list[Node] = []
        current = start
        while current in parent and current not in state:
            state[current] = 1
            walk.append(current)
            current = parent[current]
        if state.get(current) == 1:  # the walk came back to itself
            cycles.append(walk[walk.index(current):])
        for node in reversed(walk):
            state[node] = 2
            order.append(node)
    return order, cycles
