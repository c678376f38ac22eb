/**
 * ECharts, registered per chart type and component so the bundle carries only what the views draw
 * (the whole library would be ~1 MB). Add a chart type here before a view uses it.
 */
import * as echarts from 'echarts/core';
import { BarChart, BoxplotChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// The chart card supplies the text alternative (aria-label and a hidden table), so no AriaComponent.
echarts.use([
  BarChart, BoxplotChart, HeatmapChart, LineChart, ScatterChart,
  GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TitleComponent, TooltipComponent, VisualMapComponent,
  CanvasRenderer,
]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
