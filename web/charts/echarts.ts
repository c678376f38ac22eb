/**
 * ECharts, registered per chart type and component so the bundle carries only what the views draw
 * (the whole library would be ~1 MB). Add a chart type here before a view uses it.
 */
import * as echarts from 'echarts/core';
import { BarChart, BoxplotChart, HeatmapChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent, DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent,
  TooltipComponent, VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, BoxplotChart, HeatmapChart, LineChart, PieChart, ScatterChart,
  AriaComponent, DataZoomComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent,
  TooltipComponent, VisualMapComponent, CanvasRenderer,
]);

export { echarts };
export type { EChartsCoreOption } from 'echarts/core';
