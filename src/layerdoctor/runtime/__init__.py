"""The runtime inspector: builds a model on real inputs and probes it (imports Keras lazily).

    api.py        inspect_model / inspect_target: the order of the probes
    state.py      leaving the model as it was: held reads of every variable, restore with proof
    child.py      the CLI's inspection in a child process; the report comes back as data
    load.py       targets (file.py:function, module:function, file.py, model.keras) and inputs
    calls.py      records every layer call (who, on which shapes, from which user line)
    tree.py       the parameter tree (Node) and untracked state (UntrackedState)
    context.py    what the probes share (Inspection)
    locate.py     file and line of classes, attribute assignments and user frames
    findings.py   runtime Findings from the shared catalog
    backend.py    everything that differs between Keras backends (only TensorFlow for now)
    probes/       one module per check: per_call (LD002, LD011/LD012 via calls), untracked
                  (LD001, LD003, LD011, LD012), unbuilt (LD005), shared (LD007), gradients
                  (LD009), shadowed (LD010), failures (LD002/3/6/8/9/13 from a build failure)
"""
