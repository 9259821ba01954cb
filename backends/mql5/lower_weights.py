"""Lowering of the `target:` block: one method per weights scheme, filling g_raw[] for RblConstrain."""

from __future__ import annotations

from rbl.dsl import ir
from rbl.backends.mql5.lower_expr import Ctx, ExprLowerer
from rbl.backends.mql5.program import Stmt, Unsupported

AT = "RBL_DECISION_SHIFT"


class WeightsLowerer:
    """Statements that compute the scheme weights of the decision bar."""

    def __init__(self, low: ExprLowerer) -> None:
        self.low = low
        self.strategy = low.strategy
        self.index = {a.name: i for i, a in enumerate(self.strategy.assets)}

    def lower(self, weights: ir.Weights, depth: int = 0) -> list[Stmt]:
        method = getattr(self, "_" + type(weights).__name__.lower(), None)
        if method is None:
            raise Unsupported(f"{self.low.spans.where(weights)}: the MQL5 backend has no rule for "
                              f"{type(weights).__name__} targets")
        return [Stmt("RblClearRaw();", depth)] + method(weights, depth)

    def _fixedweights(self, node: ir.FixedWeights, depth: int) -> list[Stmt]:
        out = []
        risky = [e for e in node.entries if e.asset in self.index]
        for entry in risky:
            i = self.index[entry.asset]
            line = self.low.spans.line(entry)
            out.append(Stmt(f"g_in[{i}] = true;", depth, line))
            out.append(Stmt(f"g_raw[{i}] = {self.low.value(entry.weight, Ctx(s=AT))};", depth, line))
        for entry in risky:
            if entry.hold is not None:
                out += self._hold_one(entry.hold, self.index[entry.asset], depth)
        return out

    def _members(self, assets: tuple[str, ...], node: ir.Node, depth: int) -> list[Stmt]:
        line = self.low.spans.line(node)
        return [Stmt(f"g_in[{self.index[name]}] = true;", depth, line) for name in assets]

    def _equalweights(self, node: ir.EqualWeights, depth: int) -> list[Stmt]:
        out = self._members(node.assets, node, depth)
        share = f"1.0 / {len(node.assets)}"
        out += [Stmt(f"g_raw[{self.index[name]}] = {share};", depth) for name in node.assets]
        return out + self._hold_all(node.hold, depth)

    def _inversevolweights(self, node: ir.InverseVolWeights, depth: int) -> list[Stmt]:
        out = self._members(node.assets, node, depth)
        out.append(Stmt(f"RblInverseVol({self.low.window(node.lookback)}, {AT});", depth,
                        self.low.spans.line(node)))
        return out + self._hold_all(node.hold, depth)

    def _riskparityweights(self, node: ir.RiskParityWeights, depth: int) -> list[Stmt]:
        out = self._members(node.assets, node, depth)
        shrunk = "true" if node.shrunk else "false"
        out.append(Stmt(f"RblRiskParity({self.low.window(node.lookback)}, {AT}, {shrunk});", depth,
                        self.low.spans.line(node)))
        return out + self._hold_all(node.hold, depth)

    def _selectweights(self, node: ir.SelectWeights, depth: int) -> list[Stmt]:
        out = self._members(node.assets, node, depth)
        score = self._per_asset_fn(node.by, "score", "double")
        for name in node.assets:
            i = self.index[name]
            out.append(Stmt(f"g_score[{i}] = {score.call(s=AT, h=str(i))};", depth))
        top = "true" if node.side is ir.RankSide.TOP else "false"
        out.append(Stmt(f"RblSelect({node.n}, {top});", depth, self.low.spans.line(node)))
        return out + self._hold_all(node.hold, depth)

    def _branchweights(self, node: ir.BranchWeights, depth: int) -> list[Stmt]:
        cond = self.low.value(node.cond, Ctx(s=AT))
        line = self.low.spans.line(node.cond)
        out = [Stmt(f"if({cond})", depth, line), Stmt("{", depth)]
        out += self.lower(node.then, depth + 1)[1:]
        out += [Stmt("}", depth), Stmt("else", depth), Stmt("{", depth)]
        out += self.lower(node.otherwise, depth + 1)[1:]
        return out + [Stmt("}", depth)]

    def _sleeveweights(self, node: ir.SleeveWeights, depth: int) -> list[Stmt]:
        raise Unsupported(f"{self.low.spans.where(node)}: sleeves are declared at the top level only "
                          f"(lower_sleeves lowers them), a target cannot hold sleeves")

    def _per_asset_fn(self, expr: ir.Expr, kind: str, returns: str):
        body = [Stmt(f"return {self.low.value(expr, Ctx(per_asset=True))};", rbl_line=self.low.spans.line(expr))]
        return self.low.function(expr, kind, returns, body, expr, per_asset=True)

    def _fallback(self, hold: ir.HoldFilter) -> int:
        if hold.fallback is None or hold.fallback == self.strategy.cash:
            return -1
        return self.index[hold.fallback]

    def _hold_one(self, hold: ir.HoldFilter, i: int, depth: int) -> list[Stmt]:
        keep = self._per_asset_fn(hold.cond, "hold", "bool")
        text = f"if(g_raw[{i}] != 0.0 && !{keep.call(s=AT, h=str(i))})"
        return [Stmt(text, depth, self.low.spans.line(hold)),
                Stmt(f"RblHoldMove({i}, {self._fallback(hold)});", depth + 1)]

    def _hold_all(self, hold: ir.HoldFilter | None, depth: int) -> list[Stmt]:
        if hold is None:
            return []
        keep = self._per_asset_fn(hold.cond, "hold", "bool")
        return [Stmt("for(int h = 0; h < RBL_ASSETS; h++)", depth, self.low.spans.line(hold)),
                Stmt(f"if(g_in[h] && g_raw[h] != 0.0 && !{keep.call(s=AT, h='h')})", depth + 1),
                Stmt(f"RblHoldMove(h, {self._fallback(hold)});", depth + 2)]
