"""The parameter tree of `layerdoctor inspect` as a rich tree, then totals and untracked state."""

from __future__ import annotations


def _shape(shape) -> str:
    if shape is None:
        return "?"
    if isinstance(shape, list):
        return "[" + ", ".join(_shape(s) for s in shape) + "]"
    return "(" + ", ".join("None" if d is None else str(d) for d in shape) + ")"


def memory(size: int) -> str:
    """Bytes as Keras's summary prints them: 140.00 B, 3.52 KB, 1.20 MB, 3.64 TB (1 KB = 1024 B)."""
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if size < 1024 or unit == "TB":
            return f"{size:.2f} {unit}"
        size /= 1024
    return f"{size:.2f} TB"


def _count(node) -> int:
    return 1 + sum(_count(c) for c in node.children)


def _label(node, show_trainable: bool = False) -> str:
    from rich.markup import escape

    if node.shared_ref:
        return f"[bold]{escape(node.name)}[/] [dim]({escape(node.class_name)})[/] [cyan]→ shared, shown at {escape(node.shared_ref)}[/]"
    parts = [f"[bold]{escape(node.name)}[/] [dim]({escape(node.class_name)})[/]"]
    if node.output_shape is not None:
        parts.append(f"→ {escape(_shape(node.output_shape))}")
    if not node.built:
        parts.append("[red]0 (unbuilt)[/]")
    elif node.children and node.own_params:
        parts.append(f"[green]{node.params:,}[/] params (own {node.own_params:,})")
    else:
        parts.append(f"[green]{node.params:,}[/] params")
    if node.built and node.params:
        parts.append(f"[dim]{memory(node.bytes)}[/]")
    if show_trainable and node.built:
        parts.append(f"{node.trainable_params:,} trainable")
    if node.non_trainable_params:
        parts.append(f"[dim]{node.non_trainable_params:,} non-trainable[/]")
    if node.shared_calls > 1:
        where = f" at {', '.join(node.call_sites)}" if node.call_sites else ""
        parts.append(f"[cyan]shared: called {node.shared_calls}×{escape(where)}[/]")
    for variable, owner in node.tied:
        parts.append(f"[cyan]tied: {escape(variable)} counted at {escape(owner)}[/]")
    return " ".join(parts)


def _text(label: str):
    from rich.text import Text

    return Text.from_markup(label, overflow="fold")  # wrap long lines instead of cutting them


def _add(branch, node, depth: int | None = None, show_trainable: bool = False) -> None:
    if depth is not None and depth <= 0:
        if node.children:
            hidden = _count(node) - 1
            branch.add(_text(f"[dim]… {hidden:,} layer{'s' if hidden != 1 else ''} below (--depth)[/]"))
        return
    for child in node.children:
        _add(branch.add(_text(_label(child, show_trainable))), child,
             None if depth is None else depth - 1, show_trainable)


def render_tree(report, console=None, *, depth: int | None = None, show_trainable: bool = False) -> None:
    """Print `report.tree` (`depth` levels below the model, every level when None; each layer's
    trainable parameters with `show_trainable`), the parameter totals and the untracked state to a
    rich console. Returns nothing."""
    from rich.console import Console
    from rich.markup import escape
    from rich.tree import Tree

    console = console or Console()
    if report.tree is None:
        return
    tree = Tree(_text(_label(report.tree, show_trainable)))
    _add(tree, report.tree, depth, show_trainable)
    console.print(tree)
    params = report.params or {}
    console.print(
        f"Total params: [bold]{params.get('total', 0):,}[/] ({memory(report.tree.bytes)})  trainable: {params.get('trainable', 0):,}  "
        f"non-trainable: {params.get('non_trainable', 0):,}  untracked: {_untracked(params)}"
    )
    if params.get("partial"):
        console.print("[dim]Partial: building or calling the model failed; the tree shows what existed then.[/]")
    if report.keras:
        keras = "tf-keras" if report.keras.get("package") == "tf-keras" else "Keras"
        console.print(f"[dim]{keras} {report.keras.get('version')} ({report.keras.get('backend')} backend)[/]")
    if report.memory:
        render_memory(report.memory, console)
    if report.shape_only is not None:
        skipped = ", ".join(f"{s['code']} {s['name']}" for s in report.shape_only.get("skipped", []))
        console.print(f"Shape only: no weight was allocated. Not checked (they need values): {escape(skipped)}.",
                      highlight=False)
    if report.untracked:
        console.print("\n[bold red]Untracked state[/] (Keras does not track it: never trained, never saved, "
                      "not in the totals):")
        for item in report.untracked:
            where = f" [dim]{escape(str(item.site[0]))}:{item.site[1]}[/]" if item.site else ""
            console.print(f"  [red]{item.code}[/] {escape(item.owner or '<global>')}.{escape(item.attribute)}: "
                          f"{escape(item.what)}, {item.count:,} values{where}")


def _untracked(params: dict) -> str:
    if params.get("untracked_checked", True) is False:
        return "[dim]not checked (no forward pass)[/]"  # 0 in green would claim a check that did not run
    return f"[{'red' if params.get('untracked') else 'green'}]{params.get('untracked', 0):,}[/]"


def render_memory(data: dict, console) -> None:
    """The memory of the weights per dtype, alone and with the optimizer slots (report.memory)."""
    slots = data.get("slots", {})
    rows = list(data.get("dtypes", []))
    if len(rows) > 1:
        rows.append({"dtype": "total", "params": sum(r["params"] for r in rows), **data["total"]})
    console.print(f"{'Memory':<10} {'params':>17}  {'weights':>10}  {'with Adam/AdamW':>15}  {'with SGD momentum':>17}",
                  highlight=False)
    for row in rows:
        console.print(f"  {row['dtype']:<8} {row['params']:>17,}  {memory(row['weights']):>10}  "
                      f"{memory(row['with_adam']):>15}  {memory(row['with_sgd_momentum']):>17}", highlight=False)
    console.print(f"[dim](optimizer state: {slots.get('adam', 2)} slots per trainable weight for Adam/AdamW, "
                  f"{slots.get('sgd_momentum', 1)} for SGD with momentum)[/]", highlight=False)
